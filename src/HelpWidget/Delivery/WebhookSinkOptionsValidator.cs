using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery;

internal sealed class WebhookSinkOptionsValidator : IValidateOptions<WebhookSinkOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookSinkOptions options)
    {
        var failures = new List<string>();
        if (options.Url is null)
        {
            failures.Add("The webhook's Url is required.");
        }
        else if (options.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"The webhook's Url '{url.OriginalString}' must be an absolute http or https URL.");
        }
        else if (options.Url is { UserInfo.Length: > 0 })
        {
            failures.Add("The webhook's Url must not carry a user name or password; requests are signed with the Secret instead.");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add("The webhook's Secret is required.");
        }
        else if (options.Secret is { } secret && secret.Length < WebhookSinkOptions.MinSecretLength)
        {
            // The length only: the secret itself never goes into a message.
            failures.Add($"The webhook's Secret has {secret.Length} characters; it needs at least {WebhookSinkOptions.MinSecretLength}, such as 32 random bytes in hex.");
        }

        if (options.Timeout is { } timeout && (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromMinutes(10)))
        {
            failures.Add($"The webhook's Timeout ({timeout}) must be from 1 second to 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
