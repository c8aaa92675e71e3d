namespace HelpWidget.Privacy;

/// <summary>Check digits and date rules of the Nordic identity numbers and of payment card numbers.</summary>
/// <remarks>Every method takes decimal digit values (0–9), never characters.</remarks>
internal static class IdentityNumbers
{
    private const string FinnishCheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>Days in each month, with 29 for February: the year is not always known, and a leap day must never slip through.</summary>
    private static readonly int[] s_maxDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>Swedish personnummer or samordningsnummer: YYMMDD NNNC (day plus 60 for samordningsnummer), Luhn over all ten digits.</summary>
    public static bool IsSwedish(ReadOnlySpan<byte> tenDigits)
    {
        var day = Number(tenDigits[4..6]);
        return IsDate(Number(tenDigits[2..4]), day > 60 ? day - 60 : day) && Luhn(tenDigits);
    }

    /// <summary>Swedish personnummer with the century: YYYYMMDDNNNC, born in the 1800s, 1900s or 2000s.</summary>
    public static bool IsSwedishWithCentury(ReadOnlySpan<byte> twelveDigits) =>
        Number(twelveDigits[..2]) is 18 or 19 or 20 && IsSwedish(twelveDigits[2..]);

    /// <summary>
    /// Norwegian fødselsnummer: DDMMYY III K1 K2 with two modulus-11 check digits. D-numbers add 40 to the day,
    /// H-numbers 40 to the month, synthetic test numbers 80 to the month.
    /// </summary>
    public static bool IsNorwegian(ReadOnlySpan<byte> elevenDigits)
    {
        var day = Number(elevenDigits[..2]);
        var month = Number(elevenDigits[2..4]);
        if (day > 40)
        {
            day -= 40;
        }

        if (month > 80)
        {
            month -= 80;
        }
        else if (month > 40)
        {
            month -= 40;
        }

        return IsDate(month, day)
            && Mod11(elevenDigits[..9], [3, 7, 6, 1, 8, 9, 4, 5, 2]) == elevenDigits[9]
            && Mod11(elevenDigits[..10], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == elevenDigits[10];
    }

    /// <summary>Danish CPR number: DDMMYY NNNN with a valid date (CPR numbers have had no check digit since 2007).</summary>
    public static bool IsDanish(ReadOnlySpan<byte> tenDigits) => IsDate(Number(tenDigits[2..4]), Number(tenDigits[..2]));

    /// <summary>
    /// Finnish henkilötunnus: DDMMYY, a century sign, NNN and a check character (the nine digits modulo 31).
    /// </summary>
    /// <param name="nineDigits">DDMMYYNNN.</param>
    /// <param name="centurySign">+ (1800s); - or U–Y (1900s); A–F (2000s); either case.</param>
    /// <param name="check">The check character as written, either case.</param>
    public static bool IsFinnish(ReadOnlySpan<byte> nineDigits, char centurySign, char check)
    {
        var century = char.ToUpperInvariant(centurySign) switch
        {
            '+' => 1800,
            '-' or 'U' or 'V' or 'W' or 'X' or 'Y' => 1900,
            >= 'A' and <= 'F' => 2000,
            _ => 0,
        };
        if (century == 0)
        {
            return false;
        }

        var month = Number(nineDigits[2..4]);
        var day = Number(nineDigits[..2]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(century + Number(nineDigits[4..6]), month))
        {
            return false;
        }

        var value = 0;
        foreach (var d in nineDigits)
        {
            value = (value * 10) + d;
        }

        var expected = FinnishCheckCharacters[value % 31];
        var actual = char.ToUpperInvariant(check);
        var checkDigit = char.IsDigit(actual) ? (char)('0' + char.GetNumericValue(actual)) : actual;
        return checkDigit == expected;
    }

    /// <summary>Whether a century sign of a henkilötunnus can stand at this place.</summary>
    public static bool IsFinnishCenturySign(char c) => c is '+' or '-' or (>= 'A' and <= 'F') or (>= 'a' and <= 'f') or (>= 'U' and <= 'Y') or (>= 'u' and <= 'y');

    /// <summary>A calendar date written as two digits each: month 1–12, day 1 up to the month's length (29 for February).</summary>
    public static bool IsDate(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= s_maxDays[month - 1];

    /// <summary>A date written as YYYY MM DD with a year from 1900 to 2099.</summary>
    public static bool IsDateWithCentury(int year, int month, int day) => year is >= 1900 and <= 2099 && IsDate(month, day);

    public static int Number(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = (value * 10) + d;
        }

        return value;
    }

    private static int Mod11(ReadOnlySpan<byte> digits, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += digits[i] * weights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => -1,
            _ => check,
        };
    }
}
