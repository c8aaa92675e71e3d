using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql.Search;

internal sealed class PostgreSqlArticleOptionsValidator : IValidateOptions<PostgreSqlArticleOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlArticleOptions options)
    {
        var interval = options.PollInterval;
        return interval == TimeSpan.Zero || (interval >= TimeSpan.FromSeconds(1) && interval <= TimeSpan.FromDays(1))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"HelpWidget:PostgreSql:Articles:PollInterval must be 00:00:00 (off) or between 00:00:01 and 1.00:00:00; it is {interval}.");
    }
}
