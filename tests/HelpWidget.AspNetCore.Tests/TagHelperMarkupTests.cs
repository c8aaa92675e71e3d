using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using HelpWidget.AspNetCore.TagHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The markup each HelpWidget tag helper writes, and what it does with values that break its rules: the request's
/// language, the page's context, encoding, hostile values in Development and elsewhere, and missing configuration.
/// </summary>
public sealed class TagHelperMarkupTests
{
    [Fact]
    public void HelpWidget_WithAServer_WritesTheEmbedsScriptWithTheLanguageAndTheContactChannels()
    {
        using var page = new TagHelperPage(options =>
        {
            options.Server = new Uri("https://help.example/");
            options.ContactEmail = "servicedesk@nordhav.example";
            options.ContactPhone = "+46 8 555 010 00";
            options.ContactUrl = new Uri("https://chat.example/desk?team=it&x=1");
        }, culture: "sv");

        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.Equal(
            "<script src=\"https://help.example/helpwidget/embed.js\" async data-language=\"sv\" data-contact-email=\"servicedesk@nordhav.example\" " +
            "data-contact-phone=\"&#x2B;46 8 555 010 00\" data-contact-url=\"https://chat.example/desk?team=it&amp;x=1\"></script>",
            html);
    }

    [Fact]
    public void HelpWidget_ServerWithAPath_KeepsThePath()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://intranet.example/help"));

        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.StartsWith("<script src=\"https://intranet.example/help/helpwidget/embed.js\" async", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWidget_Inline_PlacesTheLauncherWhereTheTagIs()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"));

        var html = page.Render(new HelpWidgetTagHelper { Inline = true }, "help-widget");

        Assert.StartsWith("<div data-helpwidget-launcher></div><script src=\"https://help.example/helpwidget/embed.js\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWidget_InvariantCulture_LeavesTheLanguageToThePage()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), culture: "");

        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.DoesNotContain("data-language", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpContext_ThenHelpWidget_PassesThePagesTopicEncoded()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"));

        Assert.Empty(page.Render(new HelpContextTagHelper { Topic = " travel & \"expenses\" " }, "help-context"));
        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.Contains("data-topic=\"travel &amp; &quot;expenses&quot;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpContext_TwoDeclarations_ThePagesComesFirstAndWins()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"));

        page.Render(new HelpContextTagHelper { Topic = "expenses" }, "help-context");   // the page renders first
        page.Render(new HelpContextTagHelper { Topic = "intranet" }, "help-context");   // then its layout
        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.Contains("data-topic=\"expenses\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("intranet", html, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string> HostileTopics() => new()
    {
        { "<script>alert(1)</script>", "markup" },
        { "expenses\u0000\u001b[31m", "control characters" },
        { new string('x', 101), "1 to 100 characters" },
        { "   ", "topic is empty" },
        { null, "topic is empty" },
    };

    [Theory]
    [MemberData(nameof(HostileTopics))]
    public void HelpContext_HostileTopicInDevelopment_FailsThePageWithTheRule(string? topic, string rule)
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), environment: Environments.Development);

        var failure = Assert.Throws<InvalidOperationException>(() => page.Render(new HelpContextTagHelper { Topic = topic }, "help-context"));

        Assert.Contains("<help-context>", failure.Message, StringComparison.Ordinal);
        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileTopics))]
    public void HelpContext_HostileTopicInProduction_IsLeftOutWithAWarning(string? topic, string rule)
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), environment: Environments.Production);

        page.Render(new HelpContextTagHelper { Topic = topic }, "help-context");
        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.DoesNotContain("data-topic", html, StringComparison.Ordinal);
        Assert.StartsWith("<script src=\"https://help.example/helpwidget/embed.js\"", html, StringComparison.Ordinal);
        var warning = Assert.Single(page.Logs, entry => entry.Level == LogLevel.Warning);
        Assert.Contains(rule, warning.Message, StringComparison.Ordinal);
        // The log names the rule, never the value: it may be anything a caller put in an address.
        Assert.DoesNotContain("alert", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Help with Cost centre")]
    [InlineData("sv", "Hjälp med Cost centre")]
    [InlineData("nb", "Hjelp med Cost centre")]
    [InlineData("da", "Hjælp til Cost centre")]
    [InlineData("fi", "Ohje: Cost centre")]
    [InlineData("de", "Help with Cost centre")]
    public void HelpField_NamesTheButtonInTheRequestsLanguage(string culture, string name)
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), culture: culture);

        var html = page.Render(new HelpFieldTagHelper { Article = "expense-cost-centre", Label = "Cost centre" }, "help-field");

        Assert.Equal(
            $"<button type=\"button\" class=\"helpwidget-field-help\" data-helpwidget-article=\"expense-cost-centre\" aria-label=\"{HtmlEncoder.Default.Encode(name)}\"><span aria-hidden=\"true\">?</span></button>",
            html);
    }

    [Fact]
    public void HelpField_WithoutALabel_IsNamedHelp_AndKeepsTheAppsClasses()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"));

        var html = page.Render(new HelpFieldTagHelper { Article = "expense-mileage" }, "help-field", new TagHelperAttribute("class", "compact"));

        Assert.Contains("class=\"compact helpwidget-field-help\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Help\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpField_LabelWithMarkup_IsEncoded()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"));

        var html = page.Render(new HelpFieldTagHelper { Article = "expense-mileage", Label = "\"><script>alert(1)</script>" }, "help-field");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Help with &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string> HostileFields() => new()
    {
        { "../../etc/passwd", "Category", "article must be an article's id" },
        { "<script>", "Category", "article must be an article's id" },
        { "expense mileage", "Category", "article must be an article's id" },
        { new string('a', 129), "Category", "article must be an article's id" },
        { null, "Category", "article must be an article's id" },
        { "expense-mileage", "Cate\u0007gory", "label must be at most 100 characters without control characters" },
        { "expense-mileage", new string('x', 101), "label must be at most 100 characters without control characters" },
    };

    [Theory]
    [MemberData(nameof(HostileFields))]
    public void HelpField_HostileValueInDevelopment_FailsThePageWithTheRule(string? article, string? label, string rule)
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), environment: Environments.Development);

        var failure = Assert.Throws<InvalidOperationException>(() => page.Render(new HelpFieldTagHelper { Article = article, Label = label }, "help-field"));

        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileFields))]
    public void HelpField_HostileValueInProduction_LeavesTheButtonOutWithAWarning(string? article, string? label, string rule)
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), environment: Environments.Production);

        var html = page.Render(new HelpFieldTagHelper { Article = article, Label = label }, "help-field");

        Assert.Empty(html);
        Assert.Contains(page.Logs, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void HelpWidget_WithoutAServerOrAnEmbedInDevelopment_SaysWhatToConfigure()
    {
        using var page = new TagHelperPage(options => options.Server = null, environment: Environments.Development);

        var failure = Assert.Throws<InvalidOperationException>(() => page.Render(new HelpWidgetTagHelper(), "help-widget"));

        Assert.Contains("HelpWidget:Server is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MapHelpWidgetEmbed()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWidget_WithoutAServerOrAnEmbedInProduction_WritesNothingAndWarns()
    {
        using var page = new TagHelperPage(options => options.Server = null, environment: Environments.Production);

        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.Empty(html);
        Assert.Contains(page.Logs, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("HelpWidget:Server is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void HelpWidget_WithoutAServer_UsesTheEmbedThisAppMaps()
    {
        using var page = new TagHelperPage(options => options.Server = null, mapsEmbed: true, pathBase: "/intranet");

        var html = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.StartsWith("<script src=\"/intranet/helpwidget/embed.js\" async", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWidget_WithoutTheRegistration_SaysToCallIt()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        var helper = new HelpWidgetTagHelper { ViewContext = new ViewContext { HttpContext = http } };

        var failure = Assert.Throws<InvalidOperationException>(() => helper.Process(TagHelperPage.Context(), TagHelperPage.Output("help-widget")));

        Assert.Contains("AddHelpWidgetTagHelpers()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWidget_TokenEndpoint_IsOfferedToASignedInUserOnly()
    {
        using var page = new TagHelperPage(options => options.Server = new Uri("https://help.example"), pathBase: "/intranet");
        page.Services.GetRequiredService<HelpWidgetTagHelperServices>().TokenPath = "/helpwidget/token";

        var anonymous = page.Render(new HelpWidgetTagHelper(), "help-widget");
        page.Http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "aino")], "Test"));
        var signedIn = page.Render(new HelpWidgetTagHelper(), "help-widget");

        Assert.DoesNotContain("data-token-url", anonymous, StringComparison.Ordinal);
        Assert.Contains("data-token-url=\"/intranet/helpwidget/token\"", signedIn, StringComparison.Ordinal);
    }

    public static TheoryData<Action<HelpWidgetTagHelperOptions>, string> BadOptions() => new()
    {
        { o => o.Server = new Uri("ftp://help.example"), "HelpWidget:Server must be the help server's absolute http or https address" },
        { o => o.Server = new Uri("https://help.example/?x=1"), "without a query" },
        { o => o.Server = new Uri("https://user:secret@help.example/"), "user name" },
        { o => o.ContactEmail = "not an address", "ContactEmail must be an e-mail address" },
        { o => o.ContactEmail = "desk@example.com\r\nBcc: all@example.com", "ContactEmail must be an e-mail address" },
        { o => o.ContactPhone = "call <script>", "ContactPhone must be a telephone number" },
        { o => o.ContactUrl = new Uri("javascript:alert(1)"), "ContactUrl must be an absolute http or https address" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_ThatBreakARule_StopTheAppAtStartWithTheRule(Action<HelpWidgetTagHelperOptions> configure, string rule)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddHelpWidgetTagHelpers(configure);
        using var app = builder.Build();

        var failure = Assert.Throws<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult());

        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", failure.Message, StringComparison.Ordinal);
    }
}

/// <summary>A request with the tag helpers' services, in which tag helpers render as on a page; it records the log.</summary>
internal sealed class TagHelperPage : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services;

    public TagHelperPage(Action<HelpWidgetTagHelperOptions> configure, string culture = "en", string environment = "Development", bool mapsEmbed = false, string pathBase = "")
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var services = new ServiceCollection();
        services.AddHelpWidgetTagHelpers(configure);
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
        if (mapsEmbed)
        {
            services.AddSingleton<EndpointDataSource>(new DefaultEndpointDataSource(
                new RouteEndpoint(_ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/helpwidget/embed.js"), 0, null, "embed")));
        }

        _services = services.BuildServiceProvider();
        Http = new DefaultHttpContext { RequestServices = _services };
        Http.Request.PathBase = pathBase;
        Http.Request.Path = "/expenses/new";
    }

    public HttpContext Http { get; }

    public IServiceProvider Services => _services;

    public List<(LogLevel Level, string Message)> Logs { get; } = [];

    public static TagHelperContext Context(params TagHelperAttribute[] attributes) =>
        new(new TagHelperAttributeList(attributes), new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));

    public static TagHelperOutput Output(string tag, params TagHelperAttribute[] attributes) =>
        new(tag, new TagHelperAttributeList(attributes), (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()))
        {
            TagMode = TagMode.SelfClosing,
        };

    /// <summary>Renders a tag helper as Razor would for <c>&lt;tag attributes /&gt;</c>, and returns the HTML.</summary>
    public string Render(TagHelper helper, string tag, params TagHelperAttribute[] attributes)
    {
        switch (helper)
        {
            case HelpWidgetTagHelper widget:
                widget.ViewContext = new ViewContext { HttpContext = Http };
                break;
            case HelpContextTagHelper context:
                context.ViewContext = new ViewContext { HttpContext = Http };
                break;
            case HelpFieldTagHelper field:
                field.ViewContext = new ViewContext { HttpContext = Http };
                break;
        }

        var output = Output(tag, attributes);
        helper.Process(Context(attributes), output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _services.Dispose();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class RecordingLoggerProvider(List<(LogLevel, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(entries);

        public void Dispose()
        {
        }

        private sealed class Logger(List<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
