using System.Globalization;
using Microsoft.Extensions.Options;

namespace HelpWidget.Http;

/// <summary>Checks <see cref="HelpServerOptions"/>; each message names the option and the value found.</summary>
internal sealed class HelpServerOptionsValidator : IValidateOptions<HelpServerOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Address is null)
        {
            failures.Add("HelpWidget help server: Address is required, such as AddHelpServer(new Uri(\"https://help.example\")).");
        }
        else if (!IsServerAddress(options.Address))
        {
            failures.Add($"HelpWidget help server: Address '{options.Address}' must be an absolute http or https address without query, fragment or user information, such as https://help.example.");
        }

        if (string.IsNullOrEmpty(options.ApiPath) || !options.ApiPath.StartsWith('/') || options.ApiPath.StartsWith("//", StringComparison.Ordinal)
            || options.ApiPath.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '?' or '#' or '\\'))
        {
            failures.Add($"HelpWidget help server: ApiPath '{options.ApiPath}' must be a path that starts with one '/', such as /helpwidget/api.");
        }

        Range(failures, nameof(options.AttemptTimeout), options.AttemptTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Range(failures, nameof(options.UploadAttemptTimeout), options.UploadAttemptTimeout, options.AttemptTimeout, TimeSpan.FromMinutes(10));
        Range(failures, nameof(options.CacheDuration), options.CacheDuration, TimeSpan.Zero, TimeSpan.FromDays(7));
        Range(failures, nameof(options.MaxProbeInterval), options.MaxProbeInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Range(failures, nameof(options.ProbeInterval), options.ProbeInterval, TimeSpan.FromMilliseconds(100), options.MaxProbeInterval);
        if (options.MaxRetryAttempts is < 0 or > 5)
        {
            failures.Add($"HelpWidget help server: MaxRetryAttempts is {options.MaxRetryAttempts}; it must be from 0 to 5.");
        }

        if (options.MaxCacheEntries is < 1 or > 10_000)
        {
            failures.Add($"HelpWidget help server: MaxCacheEntries is {options.MaxCacheEntries}; it must be from 1 to 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsServerAddress(Uri address) =>
        address.IsAbsoluteUri
        && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp)
        && address.Query.Length == 0 && address.Fragment.Length == 0 && address.UserInfo.Length == 0
        && address.Host.Length > 0;

    private static void Range(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Format(
                CultureInfo.InvariantCulture,
                "HelpWidget help server: {0} is {1}; it must be from {2} to {3}.",
                name,
                value,
                min,
                max));
        }
    }
}
