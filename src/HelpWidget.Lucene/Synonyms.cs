using System.Collections.Frozen;

namespace HelpWidget.Lucene;

/// <summary>
/// Groups of words that mean the same to users ("pwd, password, passcode"), one file per language that editors
/// maintain. Each member is a word or a few words; members are compared lower-cased with diacritics folded.
/// </summary>
internal sealed class Synonyms
{
    public const int MaxGroups = 10_000;
    public const int MaxMembersPerGroup = 20;
    public const int MaxWordsPerMember = 4;

    private readonly FrozenDictionary<string, string[][][]> _groupsByFirstWord;

    private Synonyms(FrozenDictionary<string, string[][][]> groupsByFirstWord) => _groupsByFirstWord = groupsByFirstWord;

    public static Synonyms Empty { get; } = new(FrozenDictionary<string, string[][][]>.Empty);

    public bool IsEmpty => _groupsByFirstWord.Count == 0;

    /// <summary>Reads groups, one a line, members separated by commas; '#' starts a comment.</summary>
    /// <param name="lines">The lines of the file.</param>
    /// <param name="words">Splits a member into its folded words, the way the index does.</param>
    /// <param name="problems">Receives a description of each line that was skipped.</param>
    public static Synonyms Parse(IEnumerable<string> lines, Func<string, IReadOnlyList<string>> words, Action<int, string>? problems = null)
    {
        var byFirstWord = new Dictionary<string, List<string[][]>>(StringComparer.Ordinal);
        var number = 0;
        var groups = 0;
        foreach (var line in lines)
        {
            number++;
            var text = line.Split('#', 2)[0].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (groups >= MaxGroups)
            {
                problems?.Invoke(number, $"more than {MaxGroups} groups; the rest are ignored.");
                break;
            }

            var members = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(member => words(member).ToArray())
                .Where(member => member.Length is > 0 and <= MaxWordsPerMember)
                .DistinctBy(member => string.Join(' ', member))
                .Take(MaxMembersPerGroup)
                .ToArray();
            if (members.Length < 2)
            {
                problems?.Invoke(number, "a group needs at least two members separated by commas.");
                continue;
            }

            groups++;
            foreach (var member in members)
            {
                if (!byFirstWord.TryGetValue(member[0], out var list))
                {
                    byFirstWord[member[0]] = list = [];
                }

                list.Add(members);
            }
        }

        return new Synonyms(byFirstWord.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal));
    }

    /// <summary>For each group member found in <paramref name="queryWords"/>, the other members of its group.</summary>
    public IEnumerable<string[][]> Expansions(IReadOnlyList<string> queryWords)
    {
        for (var i = 0; i < queryWords.Count; i++)
        {
            if (!_groupsByFirstWord.TryGetValue(queryWords[i], out var groups))
            {
                continue;
            }

            foreach (var group in groups)
            {
                var found = group.FirstOrDefault(member => Matches(queryWords, i, member));
                if (found is not null)
                {
                    yield return [.. group.Where(member => member != found)];
                }
            }
        }
    }

    private static bool Matches(IReadOnlyList<string> words, int start, string[] member)
    {
        if (start + member.Length > words.Count)
        {
            return false;
        }

        for (var j = 0; j < member.Length; j++)
        {
            if (words[start + j] != member[j])
            {
                return false;
            }
        }

        return true;
    }
}
