namespace HelpWidget.Lucene;

/// <summary>
/// The ranking recipe of the engine: field weights and when the helper clauses (n-grams, prefix, fuzzy) apply.
/// One recipe for every language and every help centre; measured with tests/HelpWidget.Eval.
/// </summary>
internal sealed record SearchTuning
{
    public static SearchTuning Default { get; } = new();

    public float TitleBoost { get; init; } = 2f;

    public float SummaryBoost { get; init; } = 1.5f;

    public float TagsBoost { get; init; } = 1.5f;

    public float BodyBoost { get; init; } = 1f;

    /// <summary>Gets the weight of the searches after which readers found an article helpful (learned from use).</summary>
    public float AskedBoost { get; init; } = 1f;

    /// <summary>
    /// Gets the "Yes" answers at which an article's learned searches count half (<see cref="LearnedTrust"/>): fewer
    /// count less, so that one reader's words cannot outrank another article's own text.
    /// </summary>
    public double AskedHalfTrustVotes { get; init; } = 2;

    /// <summary>Gets the weight of the n-gram field relative to the word fields; 0 turns it off.</summary>
    public float NGramWeight { get; init; } = 0.25f;

    public int NGramMin { get; init; } = 4;

    /// <summary>
    /// Gets the share of the articles above which an n-gram is left out of a query: such a gram scores little and costs
    /// the most (at 10,000 articles, grams were half of the postings a query walked).
    /// </summary>
    public double NGramMaxDocShare { get; init; } = 0.2;

    /// <summary>Gets the document frequency up to which an n-gram is always kept, so that small help centres keep every gram that can matter.</summary>
    public int NGramMinCommonDocs { get; init; } = 100;

    public int NGramMax { get; init; } = 4;

    public float PrefixBoost { get; init; } = 1f;

    /// <summary>Gets the most completions of the word being typed that are scored.</summary>
    public int PrefixExpansions { get; init; } = 8;

    /// <summary>Gets the length from which a word is treated as a possible compound and gets n-grams even when the index contains it.</summary>
    public int NGramLongWord { get; init; } = 9;

    public float FuzzyBoost { get; init; } = 0.8f;

    public float SynonymBoost { get; init; } = 0.8f;

    /// <summary>Gets the most corrections of a misspelt word that are scored.</summary>
    public int Corrections { get; init; } = 3;
}
