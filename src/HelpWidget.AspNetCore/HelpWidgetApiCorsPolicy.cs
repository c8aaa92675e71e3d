namespace HelpWidget.AspNetCore;

/// <summary>The name of the CORS policy <c>AddHelpWidgetApi()</c> registers from <see cref="HelpWidgetApiOptions.AllowedOrigins"/>.</summary>
public static class HelpWidgetApiCorsPolicy
{
    /// <summary>The policy's name; the API's endpoints require it, and the app calls <c>app.UseCors()</c>.</summary>
    public const string Name = "HelpWidget.Api";
}
