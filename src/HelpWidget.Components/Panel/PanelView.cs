namespace HelpWidget.Components;

internal enum PanelView
{
    Search,
    Article,
    Contact,
    Receipt,
}
