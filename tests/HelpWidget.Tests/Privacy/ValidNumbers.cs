using FsCheck;
using FsCheck.Fluent;

namespace HelpWidget.Tests.Privacy;

/// <summary>Generators of valid personal data, written the ways people write it.</summary>
internal static class ValidNumbers
{
    private const string FinnishCheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static Gen<string> SwedishPersonalNumber { get; } =
        from date in Dates
        from coordination in Gen.Elements(0, 60)
        from serial in Digits(3)
        from separator in Gen.Elements("-", "+", "", " ")
        from century in Gen.Elements(true, false)
        let nine = $"{date.Year % 100:00}{date.Month:00}{date.Day + coordination:00}{serial}"
        let check = LuhnCheckDigit(nine)
        select century && separator is "-" or ""
            ? $"{date.Year / 100}{nine[..6]}{separator}{nine[6..]}{check}"
            : $"{nine[..6]}{separator}{nine[6..]}{check}";

    public static Gen<string> NorwegianPersonalNumber { get; } =
        (from date in Dates
         from dayOffset in Gen.Elements(0, 40)
         from monthOffset in Gen.Elements(0, 0, 40, 80)
         from individual in Digits(3)
         from separator in Gen.Elements("", " ")
         let nine = $"{date.Day + dayOffset:00}{date.Month + monthOffset:00}{date.Year % 100:00}{individual}"
         let first = Mod11(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2])
         let second = first < 0 ? -1 : Mod11(nine + first, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
         select second < 0 ? null : $"{nine[..6]}{separator}{nine[6..]}{first}{second}")
        .Where(number => number is not null).Select(number => number!);

    public static Gen<string> DanishPersonalNumber { get; } =
        from date in Dates
        from serial in Digits(4)
        from separator in Gen.Elements("-", "", " ")
        select $"{date.Day:00}{date.Month:00}{date.Year % 100:00}{separator}{serial}";

    public static Gen<string> FinnishPersonalNumber { get; } =
        from date in DatesBetween(1850, 2099)
        from signIndex in Gen.Choose(0, 5)
        from individual in Digits(3)
        let nine = $"{date.Day:00}{date.Month:00}{date.Year % 100:00}{individual}"
        let sign = (date.Year / 100) switch { 18 => "+", 19 => "-UVWXY"[signIndex % 6].ToString(), _ => "ABCDEF"[signIndex].ToString() }
        select $"{nine[..6]}{sign}{nine[6..]}{FinnishCheckCharacters[(int)(long.Parse(nine, System.Globalization.CultureInfo.InvariantCulture) % 31)]}";

    public static Gen<string> CardNumber { get; } =
        from length in Gen.Choose(13, 19)
        from first in Gen.Choose(2, 6)
        from rest in Digits(length - 2)
        from separator in Gen.Elements("", " ", "-")
        let digits = $"{first}{rest}{LuhnCheckDigit($"{first}{rest}")}"
        select separator.Length == 0 ? digits : string.Join(separator, digits.Chunk(4).Select(c => new string(c)));

    public static Gen<string> PhoneNumber { get; } =
        from template in Gen.Elements(
            "+46 7N NNN NN NN", "+467NNNNNNNN", "+46 (0)7N-NNN NN NN", "0046 7N NNN NN NN", "07N-NNN NN NN", "07NNNNNNNN",
            "08-NNN NNN NN", "08-NN NN NN", "0MN-NN NN NN", "+47 MNN NN NNN", "MNN NN NNN", "MN NN NN NN", "MNNNNNNN",
            "+45 MN NN NN NN", "MNNN NNNN", "+358 40 NNN NNNN", "040 NNN NNNN", "09 NNN NNN", "MNN NN NN", "+1 (NNN) NNN-NNNN")
        from digits in Digits(template.Length)
        from leading in Gen.Choose(4, 9)
        select Fill(template, digits, leading);

    public static Gen<string> EmailAddress { get; } =
        from localLength in Gen.Choose(1, 20)
        from local in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789._%+-'".ToCharArray()).ArrayOf(localLength)
        from first in Gen.Elements("abcxyz019".ToCharArray())
        from labels in Gen.Elements("example", "intra-net", "mail2", "företag", "a").ListOf(2).Select(l => string.Join('.', l))
        from tld in Gen.Elements("se", "no", "dk", "fi", "com", "museum")
        select $"{first}{new string(local).TrimEnd('.')}@{labels}.{tld}";

    /// <summary>Every kind, each with its name for the failure message.</summary>
    public static Gen<(string Kind, string Value)> Any { get; } = Gen.OneOf(
        SwedishPersonalNumber.Select(v => ("Swedish personal number", v)),
        NorwegianPersonalNumber.Select(v => ("Norwegian personal number", v)),
        DanishPersonalNumber.Select(v => ("Danish personal number", v)),
        FinnishPersonalNumber.Select(v => ("Finnish personal number", v)),
        CardNumber.Select(v => ("card number", v)),
        PhoneNumber.Select(v => ("phone number", v)),
        EmailAddress.Select(v => ("e-mail address", v)));

    private static Gen<DateTime> Dates => DatesBetween(1900, 2099);

    private static Gen<DateTime> DatesBetween(int firstYear, int lastYear) =>
        from year in Gen.Choose(firstYear, lastYear)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
        select new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);

    private static Gen<string> Digits(int count) => Gen.Choose(0, 9).ArrayOf(count).Select(d => string.Concat(d));

    private static string Fill(string template, string digits, int leading)
    {
        var chars = template.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                'N' => digits[i],
                'M' => (char)('0' + leading),
                var c => c,
            };
        }

        return new string(chars);
    }

    private static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return (10 - (sum % 10)) % 10;
    }

    private static int Mod11(string digits, int[] weights)
    {
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = 11 - (sum % 11);
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }
}
