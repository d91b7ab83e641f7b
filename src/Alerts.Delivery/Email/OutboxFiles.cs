namespace Alerts.Delivery.Email;

/// <summary>Puts a whole <c>{name}.eml</c> into the outbox or nothing: temp file, flush to disk, rename.</summary>
internal static class OutboxFiles
{
    /// <summary>False when the file already exists (another attempt got there first).</summary>
    public static async Task<bool> PublishAsync(string directory, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name + ".eml");
        var temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover dot-file is harmless: pickups read *.eml only.
        }
    }
}
