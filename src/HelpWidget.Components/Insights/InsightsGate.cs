using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

/// <summary>Placed where <c>AuthorizeView</c> shows authorised content: tells the dashboard it may read the figures.</summary>
internal sealed class InsightsGate : ComponentBase
{
    [Parameter]
    public EventCallback OnAllowed { get; set; }

    protected override Task OnInitializedAsync() => OnAllowed.InvokeAsync();
}
