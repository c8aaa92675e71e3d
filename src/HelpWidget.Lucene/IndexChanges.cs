namespace HelpWidget.Lucene;

/// <summary>The documents one reload wrote to a language's index.</summary>
internal readonly record struct IndexChanges(int Added, int Changed, int Removed)
{
    public int Total => Added + Changed + Removed;

    public static IndexChanges operator +(IndexChanges a, IndexChanges b) => new(a.Added + b.Added, a.Changed + b.Changed, a.Removed + b.Removed);
}
