using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace HelpWidget.Http;

/// <summary>
/// Sends the API's requests through the resilient <see cref="HelpServerOptions.HttpClientName"/> client and turns what
/// comes back into results, <see cref="HelpServerException"/>s and the <see cref="Connectivity"/> signal.
/// </summary>
internal sealed class HelpServerClient : IDisposable
{
    /// <summary>Marks the connectivity probe, which the retry strategy does not repeat: the probe loop has its own back-off.</summary>
    internal static readonly HttpRequestOptionsKey<bool> Probe = new("HelpWidget.Probe");

    private readonly IHttpClientFactory _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<HelpServerClient> _logger;

    public HelpServerClient(IHttpClientFactory factory, IOptions<HelpServerOptions> options, TimeProvider time, ILogger<HelpServerClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _factory = factory;
        _time = time;
        _logger = logger;

        // Reading the options validates them: a client used without a host that validates at start fails here, with the message.
        var value = options.Value;
        Cache = new ResponseCache(time, value.CacheDuration, value.MaxCacheEntries);
        Connectivity = new HelpServerConnectivity(time, value.ProbeInterval, value.MaxProbeInterval, ProbeAsync, logger);
    }

    public HelpServerConnectivity Connectivity { get; }

    public ResponseCache Cache { get; }

    public ILogger Logger => _logger;

    /// <summary>Sends a request; answers below 500 are returned (the caller disposes them), anything else throws.</summary>
    /// <exception cref="HelpServerException">The server could not be reached or failed (<see cref="HelpServerException.IsUnavailable"/>).</exception>
    public async Task<HttpResponseMessage> SendAsync(string endpoint, HttpRequestMessage request, HelpUser? user, CancellationToken cancellationToken)
    {
        if (user is not null)
        {
            request.Options.Set(HelpServerRequestOptions.User, user);
        }

        // The server words its refusals in the app's language (English or Swedish) when it is told which.
        if (request.Headers.AcceptLanguage.Count == 0 && CultureInfo.CurrentUICulture.Name is { Length: > 0 } culture)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
        }

        using var activity = HelpServerTelemetry.Source.StartActivity("HelpWidget help server " + endpoint, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("helpwidget.endpoint", endpoint);
        HttpResponseMessage response;
        var started = _time.GetTimestamp();
        try
        {
            response = await _factory.CreateClient(HelpServerOptions.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException or OperationCanceledException or IOException)
        {
            // No connection, a timeout, or the circuit breaker refusing while the server is known to be failing.
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            HelpServerTelemetry.RequestDuration.Record(_time.GetElapsedTime(started).TotalSeconds, HelpServerTelemetry.Endpoint(endpoint), new("http.response.status_code", 0));
            throw Unavailable(endpoint, null, ex);
        }

        Log.Answered(_logger, endpoint, (int)response.StatusCode, _time.GetElapsedTime(started).TotalMilliseconds);
        HelpServerTelemetry.RequestDuration.Record(_time.GetElapsedTime(started).TotalSeconds, HelpServerTelemetry.Endpoint(endpoint), new("http.response.status_code", (int)response.StatusCode));
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw Unavailable(endpoint, status, null);
        }

        Connectivity.ReportAnswered();
        return response;
    }

    /// <summary>Reads a JSON answer; an answer that is not what the API writes counts as a failing server.</summary>
    public async Task<T> ReadAsync<T>(string endpoint, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
            return value ?? throw new JsonException("The answer is null.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or NotSupportedException or OperationCanceledException)
        {
            Log.UnreadableAnswer(_logger, endpoint, ex);
            throw new HelpServerException($"The help server's answer to {endpoint} could not be read.", ex) { IsUnavailable = true, StatusCode = (int)response.StatusCode };
        }
    }

    /// <summary>Turns a refusal (4xx) into an exception that says what the server found wrong.</summary>
    public async Task<HelpServerException> RefusedAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ProblemBody? problem = null;
        try
        {
            if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
            {
                problem = await response.Content.ReadFromJsonAsync(HelpServerJsonContext.Default.ProblemBody, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException)
        {
            // The status alone still says what happened.
        }

        Log.Refused(_logger, endpoint, status, problem?.Code);
        var errors = problem?.Errors ?? [];
        var detail = problem?.Detail ?? problem?.Title ?? DefaultReason(response);
        var message = $"The help server refused {endpoint} ({status}): {detail}";
        if (errors.Count > 0)
        {
            message += " " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }

        return new HelpServerException(message) { StatusCode = status, Code = problem?.Code, Errors = errors };
    }

    public void Dispose() => Connectivity.Dispose();

    private HelpServerException Unavailable(string endpoint, int? status, Exception? cause)
    {
        HelpServerTelemetry.Unavailable.Add(1, HelpServerTelemetry.Endpoint(endpoint));
        if (Connectivity.IsOnline)
        {
            Log.Unavailable(_logger, endpoint, cause);
        }
        else
        {
            // Already known to be offline: one warning per outage is enough.
            Log.StillUnavailable(_logger, endpoint, cause);
        }

        Connectivity.ReportUnreachable();
        var reason = status is null ? "could not be reached" : $"failed with {status}";
        return new HelpServerException($"Help is offline: the help server {reason} ({endpoint}).", cause) { IsUnavailable = true, StatusCode = status };
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "suggestions?max=1");
        request.Options.Set(Probe, true);
        using var response = await SendAsync("probe", request, user: null, cancellationToken).ConfigureAwait(false);
    }

    private static string DefaultReason(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.BadRequest => "the request breaks a rule.",
        HttpStatusCode.Unauthorized => "sign in first.",
        HttpStatusCode.Forbidden => "not allowed.",
        HttpStatusCode.NotFound => $"nothing at {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)}; is ApiPath the prefix given to MapHelpWidgetApi()?",
        HttpStatusCode.RequestEntityTooLarge => "the request is too large.",
        HttpStatusCode.TooManyRequests => "too many requests; try again later.",
        _ => "the request was not accepted.",
    };
}
