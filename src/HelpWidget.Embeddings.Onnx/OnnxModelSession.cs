using Microsoft.ML.OnnxRuntime;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>One loaded model: its ONNX Runtime session, its tokenizer and its pooling. Thread-safe.</summary>
internal sealed class OnnxModelSession : IDisposable
{
    private const string HiddenStateOutput = "last_hidden_state";

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly Pooling _pooling;
    private readonly bool _takesTokenTypes;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = [HiddenStateOutput];

    private OnnxModelSession(SessionOptions sessionOptions, InferenceSession session, WordPieceTokenizer tokenizer, Pooling pooling)
    {
        _sessionOptions = sessionOptions;
        _session = session;
        Tokenizer = tokenizer;
        _pooling = pooling;
        _takesTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        _inputNames = _takesTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        if (!session.OutputMetadata.ContainsKey(HiddenStateOutput))
        {
            throw new InvalidDataException($"The model has no output named {HiddenStateOutput}.");
        }
    }

    public WordPieceTokenizer Tokenizer { get; }

    public static OnnxModelSession Create(ModelDescriptor model, int intraOpThreads, int interOpThreads)
    {
        WordPieceTokenizer tokenizer;
        using (var vocabulary = model.OpenResource(model.VocabularyResource))
        {
            tokenizer = WordPieceTokenizer.Load(vocabulary);
        }

        byte[] bytes;
        using (var stream = model.OpenResource(model.ModelResource))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = interOpThreads,
            ExecutionMode = interOpThreads > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            // The process's own thread pool serves concurrent calls; ONNX Runtime's spinning threads would only compete with it.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            return new OnnxModelSession(sessionOptions, new InferenceSession(bytes, sessionOptions), tokenizer, model.Pooling);
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model over a batch of token lists and returns one normalised vector per list.</summary>
    public float[][] Embed(IReadOnlyList<List<int>> batch, CancellationToken cancellationToken)
    {
        var rows = batch.Count;
        var length = batch.Max(t => t.Count);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        for (var r = 0; r < rows; r++)
        {
            var tokens = batch[r];
            var offset = r * length;
            for (var t = 0; t < length; t++)
            {
                ids[offset + t] = t < tokens.Count ? tokens[t] : Tokenizer.PadId;
                mask[offset + t] = t < tokens.Count ? 1 : 0;
            }
        }

        long[] shape = [rows, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[rows * length], shape) : null;
        OrtValue[] inputs = _takesTokenTypes ? [idsValue, maskValue, typesValue!] : [idsValue, maskValue];

        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var width = ModelDescriptor.Dimensions;
            var vectors = new float[rows][];
            for (var r = 0; r < rows; r++)
            {
                var vector = new float[width];
                var row = hidden.Slice(r * length * width, length * width);
                if (_pooling == Pooling.Cls)
                {
                    row[..width].CopyTo(vector);
                }
                else
                {
                    var count = batch[r].Count;
                    for (var t = 0; t < count; t++)
                    {
                        var state = row.Slice(t * width, width);
                        for (var d = 0; d < width; d++)
                        {
                            vector[d] += state[d];
                        }
                    }

                    for (var d = 0; d < width; d++)
                    {
                        vector[d] /= count;
                    }
                }

                Normalize(vector);
                vectors[r] = vector;
            }

            return vectors;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private static void Normalize(float[] vector)
    {
        var sum = 0d;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] *= scale;
            }
        }
    }
}
