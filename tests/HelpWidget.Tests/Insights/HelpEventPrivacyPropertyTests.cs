using FsCheck;
using FsCheck.Fluent;
using HelpWidget.Insights;
using HelpWidget.Privacy;
using HelpWidget.Tests.Privacy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using HelpWidget.Testing;

namespace HelpWidget.Tests.Insights;

public sealed class HelpEventPrivacyPropertyTests
{
    private static readonly Gen<string> s_text = Gen.Elements(
        "", " ", "vpn", "Password", "mitt lösenord", "٣", "８", "\u00A0", "\u3000", "  ", "-", "(", ")", "\t", "\n", "é", "🙂", "[phone]", "x")
        .ListOf().Select(string.Concat);

    private static readonly Gen<string> s_boundary = Gen.Elements(" ", "\n", ": ", "(", ")", ", ", "\t", "\"", " - ", "\u00A0", "\u3000");

    [Fact]
    public void PersonalDataTypedInASearchOrReasonOrInTheRoute_IsInNoStoredEvent()
    {
        var cases =
            from before in s_text
            from open in s_boundary
            from data in ValidNumbers.Any
            from close in s_boundary
            from after in s_text
            from wide in Gen.Elements(false, true)
            select (Text: before + open + (wide ? FullWidth(data.Value) : data.Value) + close + after, data.Kind, data.Value);

        Prop.ForAll(Arb.From(cases), c =>
        {
            var sink = new CapturingHelpEventSink();
            var writer = Writer(sink);
            var pending = new PendingEvent(HelpEventKind.Search, InsightsHost.Start, "user-1", "anonymous", "session")
            {
                RawQuery = c.Text,
                Reason = c.Text,
                Route = "/search/" + c.Text.Trim(),
                ResultCount = 1,
            };

            writer.WriteAsync([pending], CancellationToken.None).GetAwaiter().GetResult();

            var stored = sink.Events.Single();
            var fields = new[] { stored.Query, stored.Reason, stored.Route, stored.UserKey, stored.SessionId };
            return fields.All(field => !Contains(field, c.Value)).Label($"The {c.Kind} {c.Value} survived in {string.Join(" | ", fields)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    /// <summary>Whether <paramref name="value"/> can be read in <paramref name="field"/>: its digits in a row (whatever separates them), or the address, in any case.</summary>
    private static bool Contains(string? field, string value)
    {
        if (field is null)
        {
            return false;
        }

        if (value.Contains('@', StringComparison.Ordinal))
        {
            return field.Contains(value, StringComparison.OrdinalIgnoreCase);
        }

        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        var fieldDigits = new string([.. field.Where(char.IsAsciiDigit)]);
        return fieldDigits.Contains(digits, StringComparison.Ordinal);
    }

    private static string FullWidth(string value) => new([.. value.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c)]);

    private static HelpEventWriter Writer(CapturingHelpEventSink sink) => new(
        new HelpEventRecorder(Options.Create(new HelpInsightsOptions()), TimeProvider.System, [sink]),
        Options.Create(new HelpInsightsOptions { UserKeySecret = Convert.ToBase64String(new byte[32]) }),
        new PersonalDataScrubber(Options.Create(new PersonalDataScrubberOptions())),
        [sink],
        NullLogger<HelpEventWriter>.Instance);
}
