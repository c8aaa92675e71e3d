using System.Globalization;

namespace HelpWidget.Lucene;

/// <summary>
/// The ranking recipe of the engine: field weights and when the helper clauses (n-grams, prefix, fuzzy) apply.
/// One recipe for every language and every help centre; measured with tests/HelpWidget.Eval.
/// </summary>
internal sealed record SearchTuning
{
    public static SearchTuning Default { get; } = FromEnvironment(new SearchTuning());

    public float TitleBoost { get; init; } = 2f;

    public float SummaryBoost { get; init; } = 1.5f;

    public float TagsBoost { get; init; } = 1.5f;

    public float BodyBoost { get; init; } = 1f;

    /// <summary>Gets the weight of the n-gram field relative to the word fields; 0 turns it off.</summary>
    public float NGramWeight { get; init; } = 0.25f;

    public int NGramMin { get; init; } = 4;

    public int NGramMax { get; init; } = 4;

    public float PrefixBoost { get; init; } = 1f;

    /// <summary>Gets the most completions of the word being typed that are scored.</summary>
    public int PrefixExpansions { get; init; } = 16;

    /// <summary>Gets which words get n-grams: 0 every word, 1 words the index does not contain, 2 those and words of at least <see cref="NGramLongWord"/> letters.</summary>
    public int NGramGate { get; init; } = 2;

    public int NGramLongWord { get; init; } = 9;

    public float FuzzyBoost { get; init; } = 0.8f;

    public float SynonymBoost { get; init; } = 0.8f;

    /// <summary>Gets the most corrections of a misspelt word that are scored.</summary>
    public int Corrections { get; init; } = 3;

    public bool Snippets { get; init; } = true;

    // Temporary: lets the evaluation command try variations as HW_TUNE="NGramWeight=0.5;TitleBoost=3".
    private static SearchTuning FromEnvironment(SearchTuning tuning)
    {
        var text = Environment.GetEnvironmentVariable("HW_TUNE");
        if (string.IsNullOrEmpty(text))
        {
            return tuning;
        }

        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair.Split('=')[0], float.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
            tuning = name switch
            {
                nameof(TitleBoost) => tuning with { TitleBoost = value },
                nameof(BodyBoost) => tuning with { BodyBoost = value },
                nameof(NGramWeight) => tuning with { NGramWeight = value },
                nameof(NGramMin) => tuning with { NGramMin = (int)value },
                nameof(NGramMax) => tuning with { NGramMax = (int)value },
                nameof(PrefixBoost) => tuning with { PrefixBoost = value },
                nameof(FuzzyBoost) => tuning with { FuzzyBoost = value },
                nameof(Snippets) => tuning with { Snippets = value != 0 },
                nameof(Corrections) => tuning with { Corrections = (int)value },
                nameof(PrefixExpansions) => tuning with { PrefixExpansions = (int)value },
                nameof(NGramGate) => tuning with { NGramGate = (int)value },
                nameof(NGramLongWord) => tuning with { NGramLongWord = (int)value },
                nameof(SummaryBoost) => tuning with { SummaryBoost = value },
                _ => throw new ArgumentException($"Unknown tuning '{name}'."),
            };
        }

        return tuning;
    }
}
