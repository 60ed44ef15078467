using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>
/// The safetensors format (an 8-byte little-endian header length, a JSON header of dtype, shape and byte
/// offsets, then the raw data), float32 only: what <c>safetensors.torch.load_file</c> reads in Python.
/// </summary>
public static class Safetensors
{
    /// <summary>Writes the named tensors (moved to the CPU as float32) to <paramref name="stream"/>.</summary>
    public static void Write(
        Stream stream,
        IEnumerable<(string Name, Tensor Value)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null
    )
    {
        var header = new Dictionary<string, object>();
        if (metadata is not null)
            header["__metadata__"] = metadata;
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, value) in tensors)
        {
            using var cpu = value.detach().to(ScalarType.Float32).cpu().contiguous();
            var bytes = MemoryMarshalBytes(cpu.data<float>().ToArray());
            header[name] = new
            {
                dtype = "F32",
                shape = cpu.shape,
                data_offsets = new[] { offset, offset + bytes.Length },
            };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write((ulong)padded);
        writer.Write(json);
        for (var i = json.Length; i < padded; i++)
            writer.Write((byte)' ');
        foreach (var blob in blobs)
            writer.Write(blob);
    }

    /// <summary>
    /// Reads every tensor of a file written by <see cref="Write"/> (or any float32 safetensors file).
    /// </summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            var length = (long)BitConverter.ToUInt64(bytes, 0);
            if (length <= 0 || 8 + length > bytes.Length)
                throw new FormatException("the header length is out of range");
            using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)length));
            var data = 8 + (int)length;
            var tensors = new Dictionary<string, Tensor>();
            foreach (var entry in header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__"))
            {
                if (entry.Value.GetProperty("dtype").GetString() != "F32")
                    throw new FormatException($"'{entry.Name}' is not float32");
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var range = entry
                    .Value.GetProperty("data_offsets")
                    .EnumerateArray()
                    .Select(e => e.GetInt64())
                    .ToArray();
                if (range[1] - range[0] != shape.Aggregate(4L, (a, d) => a * d) || data + range[1] > bytes.Length)
                    throw new FormatException($"'{entry.Name}' has inconsistent offsets");
                var values = new float[(range[1] - range[0]) / 4];
                Buffer.BlockCopy(bytes, data + (int)range[0], values, 0, (int)(range[1] - range[0]));
                tensors[entry.Name] = tensor(values, shape);
            }
            return tensors;
        }
        catch (Exception e)
            when (e
                    is JsonException
                        or FormatException
                        or KeyNotFoundException
                        or InvalidOperationException
                        or ArgumentException
            )
        {
            throw new InvalidDataException($"'{path}' is not a valid safetensors file: {e.Message}", e);
        }
    }

    private static byte[] MemoryMarshalBytes(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
