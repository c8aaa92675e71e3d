using System.Security.Cryptography;

namespace HelpWidget.Sqlite;

/// <summary>
/// Ticket references that cannot be guessed or enumerated: <c>HW-</c> and twelve characters drawn by
/// <see cref="RandomNumberGenerator"/> from Crockford's base 32 (digits and capitals without I, L, O and U), 60 bits,
/// in three groups of four so a person can read one out: <c>HW-7K3M-Q9XD-2TBW</c>. A reference is what lets its
/// creator read a ticket back, so it must not be derivable from the ticket's number or the time.
/// </summary>
internal static class TicketReference
{
    /// <summary>The readable prefix of every reference, including those of earlier versions (<c>HW-000042</c>).</summary>
    public const string Prefix = "HW-";

    /// <summary>Crockford's base 32: 32 symbols, so each carries five bits; none is confused with another.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The random characters of a reference: 12 × 5 = 60 bits.</summary>
    public const int RandomCharacters = 12;

    private const int GroupLength = 4;

    /// <summary>The length of a reference: the prefix, the characters and a dash between groups.</summary>
    public const int Length = 3 + RandomCharacters + (RandomCharacters / GroupLength) - 1;

    /// <summary>Draws a new reference.</summary>
    public static string Create()
    {
        Span<char> random = stackalloc char[RandomCharacters];
        RandomNumberGenerator.GetItems(Alphabet, random);
        Span<char> reference = stackalloc char[Length];
        Prefix.CopyTo(reference);
        var at = Prefix.Length;
        for (var i = 0; i < RandomCharacters; i++)
        {
            if (i > 0 && i % GroupLength == 0)
            {
                reference[at++] = '-';
            }

            reference[at++] = random[i];
        }

        return new string(reference);
    }

    /// <summary>
    /// The stored form of a reference a person typed: trimmed, in capitals, and, in a reference of this format, the
    /// letters Crockford's alphabet leaves out read as the digits they look like (O as 0, I and L as 1). References of
    /// earlier versions (<c>HW-</c> and six digits) only change case. Text without the prefix is returned trimmed.
    /// </summary>
    public static string Normalize(string reference)
    {
        var trimmed = reference.Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed;
        }

        var upper = trimmed.ToUpperInvariant();
        return upper.Length != Length ? upper : string.Create(upper.Length, upper, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = i < Prefix.Length ? text[i] : text[i] switch
                {
                    'O' => '0',
                    'I' or 'L' => '1',
                    var c => c,
                };
            }
        });
    }
}
