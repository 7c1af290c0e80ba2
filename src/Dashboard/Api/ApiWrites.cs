using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Api;

/// <summary>An answer of a write: its status, its JSON body, and the version for the ETag.</summary>
public sealed record ApiAnswer(int Status, object Body, int? Version = null, string? Location = null);

/// <summary>
/// What every POST shares: the body read within its limit and parsed with a message per field, the If-Match version,
/// the service's answer as HTTP, and the Idempotency-Key (a retried request gets the stored answer and stores nothing again).
/// </summary>
public sealed class ApiWrites(IDbContextFactory<DashboardDbContext> dbFactory, ApiProblems problems, DashboardClock clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int KeyMax = 200;

    public async Task<IResult> RunAsync(HttpContext http, Func<byte[], Task<ApiAnswer>> run)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return problems.Result(StatusCodes.Status413PayloadTooLarge, "Api.Problem.TooLarge");
        }

        if (!http.Request.Headers.TryGetValue(IdempotencyHeader, out var keys))
        {
            return Write(await run(body));
        }
        var key = keys.ToString();
        if (keys.Count != 1 || key.Length is 0 or > KeyMax || key.Any(c => c is < '!' or > '~'))
        {
            return problems.Result(StatusCodes.Status400BadRequest, "Api.Problem.BadHeader", [IdempotencyHeader, KeyMax]);
        }
        var tokenId = ApiActors.TokenId(http.User) ?? throw new InvalidOperationException("A write without a key.");
        var hash = RequestHash(http.Request.Method, http.Request.Path, body);

        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        Task<IdempotencyRecord?> StoredAsync() =>
            db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.TokenId == tokenId && r.Key == key, CancellationToken.None);
        // A key seen before is answered from its record: the save and its answer were committed together (SaveAsync).
        if (await StoredAsync() is { } stored)
        {
            return Stored(http, stored, hash);
        }

        var pending = new PendingKey(new IdempotencyRecord { TokenId = tokenId, Key = key, RequestHash = hash, CreatedAt = clock.UtcNow });
        http.Items[typeof(PendingKey)] = pending;
        ApiAnswer answer;
        try
        {
            answer = await run(body);
        }
        catch (DbUpdateException)
        {
            // The same delivery, arriving at the same moment elsewhere, committed its save with this key first: this one's
            // transaction was refused by the key's unique index and stored nothing. Its answer is the first one's.
            if (await StoredAsync() is { } first)
            {
                return Stored(http, first, hash);
            }
            throw;
        }
        if (pending.Saved)
        {
            return Write(answer);
        }
        // No save to guard (a refusal, or nothing to change): the answer is kept on its own, so a repeat gets it again.
        if (await StoredAsync() is { } earlier)
        {
            return Stored(http, earlier, hash);
        }
        db.IdempotencyRecords.Add(pending.Fill(answer));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await StoredAsync() is { } other)
            {
                return Stored(http, other, hash);
            }
            throw;
        }
        return Write(answer);
    }

    /// <summary>
    /// Runs a service's write and answers it. Under an <c>Idempotency-Key</c> the key's record, with the answer it will
    /// replay, is stored in the write's own transaction (<see cref="WriteAlongside"/>): a save cut off anywhere stored both
    /// or neither, so a retry after a crash either replays the answer or saves for the first time.
    /// </summary>
    public async Task<ApiAnswer> SaveAsync(HttpContext http, Func<Task<SaveResult>> save, Func<SaveResult, ApiAnswer> answer)
    {
        if (http.Items[typeof(PendingKey)] is not PendingKey pending)
        {
            var result = await save();
            return result.Succeeded ? answer(result) : Refusal(result);
        }
        ApiAnswer? saved = null;
        using (WriteAlongside.Use((db, result) =>
               {
                   saved = answer(result);
                   db.IdempotencyRecords.Add(pending.Fill(saved));
               }))
        {
            var result = await save();
            if (!result.Succeeded)
            {
                return Refusal(result);
            }
            // Succeeded after the row was added: it committed with the save. Without (nothing changed): kept by RunAsync.
            pending.Saved = saved is not null;
            return saved ?? answer(result);
        }
    }

    /// <summary>The idempotency record of a delivery on its way: filled with its answer when it is stored.</summary>
    private sealed class PendingKey(IdempotencyRecord record)
    {
        public bool Saved { get; set; }

        public IdempotencyRecord Fill(ApiAnswer answer)
        {
            record.StatusCode = answer.Status;
            record.Body = JsonSerializer.Serialize(answer.Body, answer.Body.GetType(), ApiProblems.Json);
            return record;
        }
    }

    private IResult Stored(HttpContext http, IdempotencyRecord stored, string hash)
    {
        if (stored.RequestHash != hash)
        {
            return problems.Result(StatusCodes.Status422UnprocessableEntity, "Api.Problem.KeyReused", [IdempotencyHeader]);
        }
        if (stored.StatusCode == 0)
        {
            // Only a key claimed by an earlier version of the app, before it stored the key with the save.
            return problems.Result(StatusCodes.Status409Conflict, "Api.Problem.KeyInProgress", [IdempotencyHeader]);
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Replay(stored);
    }

    /// <summary>The body as <typeparamref name="T"/>, or the problem that says which field is wrong.</summary>
    public bool TryReadBody<T>(HttpContext http, byte[] body, out T value, out ApiAnswer problem) where T : class
    {
        value = null!;
        problem = null!;
        if (!http.Request.HasJsonContentType())
        {
            problem = Problem(StatusCodes.Status415UnsupportedMediaType, "Api.Problem.NotJson");
            return false;
        }
        try
        {
            if (JsonSerializer.Deserialize<T>(body, ApiProblems.Json) is { } parsed)
            {
                value = parsed;
                return true;
            }
            problem = Problem(StatusCodes.Status400BadRequest, "Api.Problem.InvalidJson");
        }
        catch (JsonException e) when (e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            var field = path[2..].Split('.', '[')[0];
            var type = typeof(T).GetProperty(ApiProblems.PascalCase(field))?.PropertyType;
            var message = problems.Text("Api.Problem.FieldFormat", [problems.Label(field), FormatHint(type)]);
            problem = new ApiAnswer(StatusCodes.Status422UnprocessableEntity,
                problems.Create(StatusCodes.Status422UnprocessableEntity, "Api.Problem.Invalid", errors: new Dictionary<string, string> { [field] = message }));
        }
        catch (JsonException)
        {
            problem = Problem(StatusCodes.Status400BadRequest, "Api.Problem.InvalidJson");
        }
        return false;
    }

    /// <summary>
    /// The version of an <c>If-Match: "3"</c> header; without one the current version (a status update or a done
    /// milestone adds to the history, so a client that does not care about a colleague's change may leave it out).
    /// </summary>
    public bool TryIfMatch(HttpContext http, int? current, out int version, out ApiAnswer problem)
    {
        problem = null!;
        version = current ?? -1;
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return true;
        }
        problem = Problem(StatusCodes.Status400BadRequest, "Api.Problem.BadIfMatch");
        return false;
    }

    /// <summary>A service's refusal as HTTP: 422 with the field errors, 404, 412 with the current version, 403.</summary>
    public ApiAnswer Refusal(SaveResult result) => result.Outcome switch
    {
        SaveOutcome.Invalid => new ApiAnswer(StatusCodes.Status422UnprocessableEntity,
            problems.Create(StatusCodes.Status422UnprocessableEntity, "Api.Problem.Invalid", errors: result.FieldErrors, detail: result.Message)),
        SaveOutcome.NotFound => new ApiAnswer(StatusCodes.Status404NotFound,
            problems.Create(StatusCodes.Status404NotFound, "Api.Problem.NotFound", detail: result.Message)),
        SaveOutcome.Conflict => new ApiAnswer(StatusCodes.Status412PreconditionFailed, Conflict(result), result.Version),
        _ => new ApiAnswer(StatusCodes.Status403Forbidden, problems.Create(StatusCodes.Status403Forbidden, "Api.Problem.Forbidden", detail: result.Message)),
    };

    private ProblemDetails Conflict(SaveResult result)
    {
        var problem = problems.Create(StatusCodes.Status412PreconditionFailed, "Api.Problem.Conflict",
            detail: $"{problems.Text("Api.Problem.Conflict")} {result.ConflictDetails}".Trim());
        problem.Extensions["currentVersion"] = result.Version;
        return problem;
    }

    public ApiAnswer Problem(int status, string key, object[]? args = null) => new(status, problems.Create(status, key, args));

    private IResult Write(ApiAnswer answer) => new AnswerResult(answer);

    private static IResult Replay(IdempotencyRecord stored)
    {
        int? version = null;
        if (stored.Body is { } body && JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } root
            && (root.TryGetProperty("version", out var v) || root.TryGetProperty("currentVersion", out v)) && v.ValueKind == JsonValueKind.Number)
        {
            version = v.GetInt32();
        }
        return new StoredResult(stored.StatusCode, stored.Body ?? "{}", version);
    }

    private string FormatHint(Type? type) =>
        (Nullable.GetUnderlyingType(type ?? typeof(string)) ?? type) switch
        {
            { } t when t == typeof(DateOnly) => problems.Text("Api.Hint.Date"),
            { } t when t == typeof(double) => problems.Text("Api.Hint.Number"),
            { } t when t == typeof(Status) => problems.Text("Api.Hint.Status", ["notStarted, onTrack, needsAttention, delayed"]),
            _ => problems.Text("Api.Hint.Text"),
        };

    private static string RequestHash(string method, string path, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method}\n{path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Headers(HttpContext http, int status, int? version, string? location)
    {
        if (version is { } v)
        {
            http.Response.Headers.ETag = $"\"{v}\"";
        }
        if (location is not null)
        {
            http.Response.Headers.Location = location;
        }
        http.Response.StatusCode = status;
    }

    private sealed class AnswerResult(ApiAnswer answer) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            Headers(http, answer.Status, answer.Version, answer.Location);
            return http.Response.WriteAsJsonAsync(answer.Body, answer.Body.GetType(), ApiProblems.Json,
                answer.Status >= 400 ? ApiProblems.ContentType : "application/json; charset=utf-8", http.RequestAborted);
        }
    }

    private sealed class StoredResult(int status, string body, int? version) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            Headers(http, status, version, null);
            http.Response.ContentType = status >= 400 ? ApiProblems.ContentType : "application/json; charset=utf-8";
            return http.Response.WriteAsync(body, http.RequestAborted);
        }
    }
}
