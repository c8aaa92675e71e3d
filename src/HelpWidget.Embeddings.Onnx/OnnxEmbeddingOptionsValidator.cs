using System.Reflection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>The rules DataAnnotations cannot state: a known model whose package is present, a printable prefix.</summary>
internal sealed class OnnxEmbeddingOptionsValidator : IValidateOptions<OnnxEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Model))
        {
            failures.Add($"Model {(int)options.Model} is not a known model: use ArcticXs or MiniLM.");
        }
        else
        {
            var model = ModelDescriptor.For(options.Model);
            if (!model.IsAvailable())
            {
                failures.Add($"Model {options.Model} needs the package {model.PackageId} {ModelDescriptor.PackageVersion}: add a PackageReference to it.");
            }
        }

        if (options.MaxTokens is < 8 or > OnnxEmbeddingOptions.ModelMaxTokens)
        {
            failures.Add($"MaxTokens {options.MaxTokens} is outside 8 to {OnnxEmbeddingOptions.ModelMaxTokens}.");
        }

        if (options.IntraOpThreads is < 1 or > 64)
        {
            failures.Add($"IntraOpThreads {options.IntraOpThreads} is outside 1 to 64.");
        }

        if (options.QueryIntraOpThreads is < 1 or > 64)
        {
            failures.Add($"QueryIntraOpThreads {options.QueryIntraOpThreads} is outside 1 to 64.");
        }

        if (options.InterOpThreads is < 1 or > 64)
        {
            failures.Add($"InterOpThreads {options.InterOpThreads} is outside 1 to 64.");
        }

        if (options.MaxBatchSize is < 1 or > 256)
        {
            failures.Add($"MaxBatchSize {options.MaxBatchSize} is outside 1 to 256.");
        }

        if (options.QueryPrefix is { } prefix && (prefix.Length > 200 || prefix.Any(c => char.IsControl(c) || char.IsSurrogate(c))))
        {
            failures.Add("QueryPrefix must be at most 200 characters, without control characters or emoji.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
