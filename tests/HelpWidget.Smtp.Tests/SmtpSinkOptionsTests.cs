using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Smtp.Tests;

public sealed class SmtpSinkOptionsTests
{
    [Fact]
    public void AddSmtpSink_FromConfiguration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpWidget:Smtp:Host"] = "smtp.example.com",
            ["HelpWidget:Smtp:Port"] = "465",
            ["HelpWidget:Smtp:Security"] = "SslOnConnect",
            ["HelpWidget:Smtp:UserName"] = "helpwidget",
            ["HelpWidget:Smtp:Password"] = "secret",
            ["HelpWidget:Smtp:From"] = "Help desk <helpdesk@example.com>",
            ["HelpWidget:Smtp:To:0"] = "support@example.com",
            ["HelpWidget:Smtp:To:1"] = "it@example.com",
            ["HelpWidget:Smtp:MessageIdDomain"] = "tickets.example.com",
            ["HelpWidget:Smtp:Timeout"] = "00:00:45",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddSmtpSink(configuration.GetSection("HelpWidget:Smtp"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmtpSinkOptions>>().Value;

        Assert.Equal(("smtp.example.com", 465, SmtpSecurity.SslOnConnect), (options.Host, options.Port, options.Security));
        Assert.Equal(("helpwidget", "secret"), (options.UserName, options.Password));
        Assert.Equal(["support@example.com", "it@example.com"], options.To);
        Assert.Equal(("tickets.example.com", TimeSpan.FromSeconds(45)), (options.MessageIdDomain, options.Timeout));
        Assert.Equal("smtp", SmtpSinkOptions.SinkName);
        Assert.Equal(SmtpSinkOptions.SinkName, Assert.Single(provider.GetServices<ITicketSink>()).Name);
    }

    [Fact]
    public void AddSmtpSink_CalledTwice_RegistersOneSink()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddSmtpSink(Valid).AddSmtpSink(o => o.Port = 2525);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<ITicketSink>());
        Assert.Equal(2525, provider.GetRequiredService<IOptions<SmtpSinkOptions>>().Value.Port);
    }

    [Theory]
    [InlineData("Host", "")]
    [InlineData("Host", "smtp example.com")]
    [InlineData("Port", "0")]
    [InlineData("Port", "70000")]
    [InlineData("From", "")]
    [InlineData("From", "helpdesk")]
    [InlineData("From", "a@example.com, b@example.com")]
    [InlineData("From", "helpdesk@example.com\r\nBcc: x@example.org")]
    [InlineData("To", "")]
    [InlineData("To", "not an address")]
    [InlineData("Password", "")]
    [InlineData("Security", "None")]
    [InlineData("MessageIdDomain", "exämple.com")]
    [InlineData("MessageIdDomain", "bad domain")]
    [InlineData("Timeout", "00:00:00")]
    public void AddSmtpSink_InvalidOption_FailsAtStartNamingIt(string option, string value)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddSmtpSink(o =>
        {
            Valid(o);
            o.UserName = "helpwidget";
            o.Password = "secret";
            switch (option)
            {
                case "Host": o.Host = value; break;
                case "Port": o.Port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "From": o.From = value; break;
                case "To": o.To.Clear(); if (value.Length > 0) { o.To.Add(value); } break;
                case "Password": o.Password = value; break;
                case "Security": o.Security = SmtpSecurity.None; o.Host = "smtp.example.com"; break;
                case "MessageIdDomain": o.MessageIdDomain = value; break;
                case "Timeout": o.Timeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmtpSinkOptions>>().Value);

        Assert.Contains(option == "Password" ? "UserName and Password" : option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSmtpSink_CredentialsWithoutEncryptionToThisMachine_AreAccepted()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddSmtpSink(o =>
        {
            Valid(o);
            (o.Host, o.Security, o.UserName, o.Password) = ("127.0.0.1", SmtpSecurity.None, "helpwidget", "secret");
        });
        using var provider = services.BuildServiceProvider();

        Assert.Equal("127.0.0.1", provider.GetRequiredService<IOptions<SmtpSinkOptions>>().Value.Host);
    }

    private static void Valid(SmtpSinkOptions options)
    {
        options.Host = "smtp.example.com";
        options.From = "Help desk <helpdesk@example.com>";
        options.To.Add("support@example.com");
    }
}
