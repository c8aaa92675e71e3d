namespace HelpWidget;

/// <summary>
/// A stable share of the signed-in users (<see cref="HelpLauncherRollout.Share"/>): each user id is hashed with
/// HMAC-SHA256 under <see cref="Key"/> into one of 10,000 buckets, and the users in the first <see cref="Percent"/> % of
/// the buckets are in. The same user always gets the same answer, on every server and after every restart; raising the
/// percentage keeps everyone who was in, and a new key draws a new share. Anonymous users are never in a share.
/// </summary>
public sealed class HelpRolloutShare
{
    /// <summary>Gets or sets the percentage of signed-in users in the share, from 0 to 100 in steps of 0.01. Defaults to 0.</summary>
    public double Percent { get; set; }

    /// <summary>
    /// Gets or sets the secret the user ids are hashed with, 1 to 1,000 characters: keep it the same to keep the same users,
    /// and out of the page (people who know it can work out who is in). Defaults to the empty string, which fails
    /// validation when the share is used.
    /// </summary>
    public string Key { get; set; } = string.Empty;
}
