namespace HelpWidget.Lucene.Tests;

/// <summary>
/// A user's audiences that hold up the search reading them until the test opens the gate: the search has taken its
/// snapshot of the index and waits there while the test changes the articles.
/// </summary>
internal sealed class GatedAudiences(params string[] audiences) : IReadOnlyList<string>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _open = new();
    private int _passed;

    /// <summary>Gets a task that completes when a search first reads the audiences.</summary>
    public Task Entered => _entered.Task;

    public int Count
    {
        get
        {
            Pass();
            return audiences.Length;
        }
    }

    public string this[int index]
    {
        get
        {
            Pass();
            return audiences[index];
        }
    }

    public void Open() => _open.Set();

    public void Dispose() => _open.Dispose();

    public IEnumerator<string> GetEnumerator()
    {
        Pass();
        return ((IEnumerable<string>)audiences).GetEnumerator();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private void Pass()
    {
        if (Interlocked.Exchange(ref _passed, 1) == 0)
        {
            _entered.TrySetResult();
            if (!_open.Wait(s_timeout))
            {
                throw new TimeoutException("The gate was not opened.");
            }
        }
    }
}
