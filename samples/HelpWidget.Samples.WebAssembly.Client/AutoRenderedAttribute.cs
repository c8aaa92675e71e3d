namespace HelpWidget.Samples.WebAssembly.Client;

/// <summary>
/// Marks a page that the host renders with <c>InteractiveAuto</c> when it is loaded: on the server on a first visit,
/// in WebAssembly once the browser has the runtime cached. Every other page runs in WebAssembly. The host's page shell
/// (App.razor) reads it from the page's endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AutoRenderedAttribute : Attribute;
