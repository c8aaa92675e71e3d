using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HelpWidget.Insights;

/// <summary>
/// The bounded buffer between the users' actions and the background writer. Recording never waits and never throws:
/// when the buffer is full the event is dropped and counted.
/// </summary>
internal sealed class HelpEventRecorder
{
    private readonly Channel<PendingEvent> _channel;

    public HelpEventRecorder(IOptions<HelpInsightsOptions> options, TimeProvider time, IEnumerable<IHelpEventSink> sinks, IHelpEventStore? store = null)
    {
        var value = options.Value;
        Time = time;
        IsEnabled = value.Enabled && (store is not null || sinks.Any());
        _channel = Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(value.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Gets a value indicating whether events are recorded: the options allow it and something keeps them.</summary>
    public bool IsEnabled { get; }

    public TimeProvider Time { get; }

    public ChannelReader<PendingEvent> Reader => _channel.Reader;

    /// <summary>Buffers an event for the writer; never waits and never throws.</summary>
    /// <returns><see langword="true"/> when the event is buffered; <see langword="false"/> when recording is off or the buffer is full (counted).</returns>
    public bool Record(PendingEvent pending)
    {
        if (!IsEnabled)
        {
            return false;
        }

        if (_channel.Writer.TryWrite(pending))
        {
            return true;
        }

        HelpWidgetTelemetry.EventsDropped.Add(1, HelpWidgetTelemetry.Reason("buffer_full"));
        return false;
    }

    /// <summary>Ends recording: the writer writes what is buffered and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
