using System.Globalization;
using System.Text;

namespace HelpWidget.Privacy;

/// <summary>Finds personal data in text and replaces it with placeholders, in one pass and in time linear in the text's length.</summary>
/// <remarks>
/// <para>
/// E-mail addresses are found first: from each <c>@</c> back over the local part and forward over the domain, never
/// past the previous address. Then the scanner walks the text. Wherever a number can start (a digit, or <c>+</c> before
/// a digit, that no digit touches on the left) it reads ahead at most 19 digits, in groups separated by gaps of one
/// to three spaces, dashes, parentheses or invisible characters, and tries the candidates from the longest down.
/// A candidate starts at the start of a group and ends at the end of one; whether it matches depends only on its
/// own characters. Since no placeholder holds a digit, <c>@</c> or <c>+</c>, the text between placeholders reads the
/// same the second time, which makes scrubbing idempotent.
/// </para>
/// <para>No regular expression is involved, so no input can make the work grow faster than the text.</para>
/// </remarks>
internal static class PersonalDataScanner
{
    public const string Email = "[e-mail]";
    public const string Phone = "[phone]";
    public const string PersonalNumber = "[personal number]";
    public const string CardNumber = "[card number]";

    private const int MaxDigits = 19;
    private const int MaxGapLength = 3;
    private const string Replacement = "\uFFFD";

    public static string Scrub(string text)
    {
        var emails = FindEmails(text);
        var output = new Output(text);
        var run = new Run(stackalloc byte[MaxDigits + 1], stackalloc int[MaxDigits], stackalloc int[MaxDigits], stackalloc bool[MaxDigits], stackalloc bool[MaxDigits]);
        var next = 0;
        var lastMatchEnd = 0;
        var i = 0;
        while (i < text.Length)
        {
            var email = next < emails.Count ? emails[next] : (Start: text.Length, End: text.Length);
            if (i == email.Start)
            {
                output.Replace(i, email.End, Email);
                i = lastMatchEnd = email.End;
                next++;
                continue;
            }

            var c = text[i];
            if ((char.IsDigit(c) || (c == '+' && i + 1 < email.Start && char.IsDigit(text[i + 1]))) && StartsGroup(text, i, lastMatchEnd))
            {
                var (end, placeholder) = MatchNumber(text, i, email.Start, ref run);
                if (placeholder is not null)
                {
                    output.Replace(i, end, placeholder);
                    i = lastMatchEnd = end;
                    continue;
                }
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                output.Replace(i, i + 1, Replacement);
            }

            i++;
        }

        return output.ToString();
    }

    /// <summary>Whether a number may start at <paramref name="index"/>: no digit touches it on the left, and it does not follow <c>0x</c>.</summary>
    /// <remarks>Characters of the last replaced span count as the placeholder's closing bracket, as they will when the output is read again.</remarks>
    private static bool StartsGroup(string text, int index, int lastMatchEnd)
    {
        if (index == lastMatchEnd)
        {
            return true;
        }

        var previous = text[index - 1];
        if (char.IsDigit(previous))
        {
            return false;
        }

        // A hexadecimal literal such as an error code (0x80070005) is not a phone number.
        return !(previous is 'x' or 'X' && index - 2 >= lastMatchEnd && text[index - 2] == '0'
            && (index - 3 < lastMatchEnd || !char.IsLetterOrDigit(text[index - 3])));
    }

    private static (int End, string? Placeholder) MatchNumber(string text, int start, int limit, ref Run run)
    {
        if (MatchFinnish(text, start, limit) is var finnishEnd and > 0)
        {
            return (finnishEnd, PersonalNumber);
        }

        run.Read(text, start, limit);
        for (var last = run.Count - 1; last >= 0; last--)
        {
            if (run.DigitsUpTo(last) < 7)
            {
                break;
            }

            if (Classify(ref run, last) is { } placeholder)
            {
                return (run.CharEnds[last], placeholder);
            }
        }

        return (0, null);
    }

    /// <summary>What the groups 0 to <paramref name="last"/> are, or <see langword="null"/> when they look like nothing personal.</summary>
    private static string? Classify(ref Run run, int last)
    {
        var count = run.DigitsUpTo(last);
        ReadOnlySpan<byte> d = run.Digits[..count];
        var plus = false;
        var paren = false;
        for (var g = 1; g <= last; g++)
        {
            plus |= run.PlusBefore[g];
            paren |= run.ParenBefore[g];
        }

        if (run.International)
        {
            return !plus && count is >= 7 and <= 15 ? Phone : null;
        }

        if (!paren)
        {
            var tenDigits = count == 10 && (run.Is(last, 10) || run.Is(last, 6, 4));
            if (tenDigits && IdentityNumbers.IsSwedish(d))
            {
                return PersonalNumber;
            }

            if (!plus)
            {
                if ((count == 12 && (run.Is(last, 12) || run.Is(last, 8, 4)) && IdentityNumbers.IsSwedishWithCentury(d))
                    || (count == 11 && (run.Is(last, 11) || run.Is(last, 6, 5)) && IdentityNumbers.IsNorwegian(d))
                    || (tenDigits && IdentityNumbers.IsDanish(d)))
                {
                    return PersonalNumber;
                }

                if (count >= 13 && IdentityNumbers.Luhn(d))
                {
                    return CardNumber;
                }
            }
        }

        if (plus)
        {
            return null;
        }

        if (d[0] == 0)
        {
            // 00 is the international prefix; a single 0 the Swedish and Finnish trunk prefix.
            return d[1] == 0
                ? count is >= 9 and <= 17 && d[2] != 0 ? Phone : null
                : count is >= 8 and <= 12 && !IsDate(ref run, last) ? Phone : null;
        }

        // Norwegian and Danish numbers have eight digits and no trunk prefix; Swedish local numbers are written 123 45 67.
        if (count == 8 && d[0] >= 2 && !paren
            && (run.Is(last, 8) || run.Is(last, 2, 2, 2, 2) || run.Is(last, 3, 2, 3) || run.Is(last, 4, 4))
            && !IsDate(ref run, last) && !IsYearRange(ref run, last))
        {
            return Phone;
        }

        return count == 7 && run.Is(last, 3, 2, 2) ? Phone : null;
    }

    /// <summary>2024-05-12, 12-05-2024, 20240512: eight digits that read as a date are a date, not a phone number.</summary>
    private static bool IsDate(ref Run run, int last)
    {
        if (run.DigitsUpTo(last) != 8)
        {
            return false;
        }

        ReadOnlySpan<byte> d = run.Digits[..8];
        var yearFirst = run.Is(last, 4, 2, 2) || run.Is(last, 8);
        var dayFirst = run.Is(last, 2, 2, 4) || run.Is(last, 8);
        return (yearFirst && IdentityNumbers.IsDateWithCentury(IdentityNumbers.Number(d[..4]), IdentityNumbers.Number(d[4..6]), IdentityNumbers.Number(d[6..])))
            || (dayFirst && IdentityNumbers.IsDateWithCentury(IdentityNumbers.Number(d[4..]), IdentityNumbers.Number(d[2..4]), IdentityNumbers.Number(d[..2])));
    }

    /// <summary>2019-2024 is a span of years.</summary>
    private static bool IsYearRange(ref Run run, int last) =>
        run.Is(last, 4, 4) && IdentityNumbers.Number(run.Digits[..4]) is >= 1900 and <= 2099 && IdentityNumbers.Number(run.Digits[4..8]) is >= 1900 and <= 2099;

    /// <summary>A henkilötunnus (DDMMYYCNNNX) starting at <paramref name="start"/>: the index after it, or 0.</summary>
    private static int MatchFinnish(string text, int start, int limit)
    {
        if (start + 11 > limit)
        {
            return 0;
        }

        Span<byte> digits = stackalloc byte[9];
        for (var j = 0; j < 9; j++)
        {
            var c = text[start + (j < 6 ? j : j + 1)];
            if (!char.IsDigit(c))
            {
                return 0;
            }

            digits[j] = (byte)CharUnicodeInfo.GetDecimalDigitValue(c);
        }

        var sign = text[start + 6];
        var check = text[start + 10];
        return IdentityNumbers.IsFinnishCenturySign(sign) && (char.IsAsciiLetter(check) || char.IsDigit(check))
            && IdentityNumbers.IsFinnish(digits, sign, check)
            ? start + 11
            : 0;
    }

    private static List<(int Start, int End)> FindEmails(string text)
    {
        var found = new List<(int Start, int End)>();
        var lastEnd = 0;
        var from = 0;
        int at;
        while (from < text.Length && (at = text.IndexOf('@', from)) >= 0)
        {
            var localStart = at;
            while (localStart > lastEnd && IsLocalChar(text[localStart - 1]))
            {
                localStart--;
            }

            var domainEnd = at + 1;
            var letter = false;
            while (domainEnd < text.Length && IsDomainChar(text[domainEnd]))
            {
                letter |= char.IsLetter(text[domainEnd]);
                domainEnd++;
            }

            while (domainEnd > at + 1 && text[domainEnd - 1] is '.' or '-')
            {
                domainEnd--;
            }

            if (localStart < at && domainEnd > at + 1 && char.IsLetterOrDigit(text[at + 1]) && letter)
            {
                found.Add((localStart, domainEnd));
                lastEnd = from = domainEnd;
            }
            else
            {
                from = at + 1;
            }
        }

        return found;
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    private static bool IsDomainChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-';

    /// <summary>Characters that may stand between the digit groups of one number: spaces, dashes, parentheses, invisible formatting, and + (personnummer of people over 100).</summary>
    private static bool IsGapChar(char c, out bool plus, out bool paren)
    {
        plus = c == '+';
        paren = c is '(' or ')';
        return plus || paren || c == '\u2212' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.DashPunctuation or UnicodeCategory.Format;
    }

    /// <summary>The digit groups read ahead from one starting place.</summary>
    private ref struct Run(Span<byte> digits, Span<int> digitEnds, Span<int> charEnds, Span<bool> plusBefore, Span<bool> parenBefore)
    {
        /// <summary>Decimal values of the digits read, across groups.</summary>
        public readonly Span<byte> Digits = digits;

        /// <summary>For each group, the number of digits up to its end.</summary>
        public readonly Span<int> DigitEnds = digitEnds;

        /// <summary>For each group, the index in the text after its last digit.</summary>
        public readonly Span<int> CharEnds = charEnds;

        /// <summary>For each group, whether the gap before it holds a +.</summary>
        public readonly Span<bool> PlusBefore = plusBefore;

        /// <summary>For each group, whether the gap before it holds a parenthesis.</summary>
        public readonly Span<bool> ParenBefore = parenBefore;

        public int Count { get; private set; }

        public bool International { get; private set; }

        public readonly int DigitsUpTo(int last) => DigitEnds[last];

        /// <summary>Whether groups 0 to <paramref name="last"/> have exactly these sizes.</summary>
        public readonly bool Is(int last, params ReadOnlySpan<int> sizes)
        {
            if (last != sizes.Length - 1)
            {
                return false;
            }

            for (var g = 0; g <= last; g++)
            {
                if (DigitEnds[g] - (g == 0 ? 0 : DigitEnds[g - 1]) != sizes[g])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads complete groups from <paramref name="start"/>, stopping before <paramref name="limit"/> and after 19 digits.</summary>
        public void Read(string text, int start, int limit)
        {
            Count = 0;
            International = text[start] == '+';
            var i = International ? start + 1 : start;
            var digitCount = 0;
            var plus = false;
            var paren = false;
            while (true)
            {
                while (i < limit && digitCount <= MaxDigits && char.IsDigit(text[i]))
                {
                    Digits[digitCount++] = (byte)CharUnicodeInfo.GetDecimalDigitValue(text[i]);
                    i++;
                }

                // A group only counts when it ends where the digits end: cut short, it would read differently.
                if (digitCount > MaxDigits || (i < text.Length && char.IsDigit(text[i])))
                {
                    return;
                }

                DigitEnds[Count] = digitCount;
                CharEnds[Count] = i;
                PlusBefore[Count] = plus;
                ParenBefore[Count] = paren;
                Count++;

                var gapStart = i;
                plus = paren = false;
                while (i < limit && i - gapStart < MaxGapLength && IsGapChar(text[i], out var isPlus, out var isParen))
                {
                    plus |= isPlus;
                    paren |= isParen;
                    i++;
                }

                if (i == gapStart || i >= limit || !char.IsDigit(text[i]))
                {
                    return;
                }
            }
        }
    }

    /// <summary>The scrubbed text, built only once something is replaced.</summary>
    private struct Output(string text)
    {
        private StringBuilder? _builder;
        private int _copied;

        public void Replace(int start, int end, string placeholder)
        {
            _builder ??= new StringBuilder(text.Length + 16);
            _builder.Append(text, _copied, start - _copied).Append(placeholder);
            _copied = end;
        }

        public override readonly string ToString() =>
            _builder is null ? text : _builder.Append(text, _copied, text.Length - _copied).ToString();
    }
}
