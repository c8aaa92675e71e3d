using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>Checks <see cref="HelpWidgetTagHelperOptions"/> when the app starts; each message names the setting and its value.</summary>
internal sealed class HelpWidgetTagHelperOptionsValidator : IValidateOptions<HelpWidgetTagHelperOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpWidgetTagHelperOptions options)
    {
        List<string> failures = [];
        if (options.Server is { } server && !IsWebAddress(server, allowPath: true))
        {
            failures.Add($"HelpWidget:Server must be the help server's absolute http or https address, such as https://help.example, without a query, fragment or user name; '{server}' is not.");
        }

        if (options.ContactEmail is { } email && !IsEmail(email))
        {
            failures.Add($"HelpWidget tag helpers: ContactEmail must be an e-mail address of at most 254 characters, such as servicedesk@example.com; '{Shown(email)}' is not.");
        }

        if (options.ContactPhone is { } phone && !IsPhone(phone))
        {
            failures.Add($"HelpWidget tag helpers: ContactPhone must be a telephone number of 3 to 40 digits, spaces and + - ( ) . such as +46 8 555 010 00; '{Shown(phone)}' is not.");
        }

        if (options.ContactUrl is { } url && !IsWebAddress(url, allowPath: true, allowQuery: true))
        {
            failures.Add($"HelpWidget tag helpers: ContactUrl must be an absolute http or https address; '{url}' is not.");
        }

        var token = options.Token;
        if (token.SigningKey.Length > 0 && !IsKey(token.SigningKey))
        {
            failures.Add("HelpWidget:Token:SigningKey must be Base64 of at least 32 bytes (for example the output of `openssl rand -base64 32`).");
        }

        if (token.Lifetime < TimeSpan.FromMinutes(1) || token.Lifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add($"HelpWidget:Token:Lifetime must be from 00:01:00 to 00:10:00; it is {token.Lifetime}.");
        }

        foreach (var (setting, value) in new[] { ("Issuer", token.Issuer), ("Audience", token.Audience) })
        {
            if (value.Length > 0 && !(Uri.TryCreate(value, UriKind.Absolute, out var origin) && IsWebAddress(origin, allowPath: false)))
            {
                failures.Add($"HelpWidget:Token:{setting} must be an origin such as https://intranet.example, or empty for the default; '{Shown(value)}' is not.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWebAddress(Uri address, bool allowPath, bool allowQuery = false) =>
        address.IsAbsoluteUri
        && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp)
        && address.UserInfo.Length == 0 && address.Fragment.Length == 0
        && (allowQuery || address.Query.Length == 0)
        && (allowPath || address.AbsolutePath == "/");

    // The key itself is never shown: it is a secret.
    private static bool IsKey(string key)
    {
        Span<byte> bytes = stackalloc byte[512];
        return key.Length <= 684 && Convert.TryFromBase64String(key, bytes, out var length) && length >= 32;
    }

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= 254 && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '\'' or ',' or ';');
    }

    private static bool IsPhone(string phone) =>
        phone.Length is >= 3 and <= 40 && phone.Any(char.IsAsciiDigit) && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');

    // A value in a message is shown without control characters and cut short, so the log line stays one readable line.
    private static string Shown(string value)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length <= 80 ? clean : clean[..80] + "…";
    }
}
