using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tests.Conformance;

/// <summary>
/// The contract of <see cref="IEntityStore"/>, run unchanged against every backend (SQLite here, Azure Tables on Azurite in
/// Alerts.Storage.Tables.Tests). A backend subclass only says how to get a fresh store.
/// </summary>
public abstract class EntityStoreConformance
{
    private readonly string _table = "t" + Guid.NewGuid().ToString("N")[..12];

    protected abstract Task<IEntityStore> CreateStoreAsync();

    private static CancellationToken None => CancellationToken.None;

    private async Task<IEntityStore> StoreAsync()
    {
        var store = await CreateStoreAsync();
        await store.EnsureTableAsync(_table, None);
        return store;
    }

    [Fact]
    public async Task Missing_row_reads_as_null()
    {
        var store = await StoreAsync();
        Assert.Null(await store.GetAsync(_table, "p", "nothing", None));
    }

    [Fact]
    public async Task Insert_if_absent_keeps_the_first_write()
    {
        var store = await StoreAsync();
        var first = await store.InsertIfAbsentAsync(_table, "p", "r", "{\"v\":1}", None);
        var second = await store.InsertIfAbsentAsync(_table, "p", "r", "{\"v\":2}", None);

        Assert.NotNull(first);
        Assert.Null(second);
        var row = await store.GetAsync(_table, "p", "r", None);
        Assert.Equal("{\"v\":1}", row!.Data);
        Assert.Equal(first, row.ETag);
    }

    [Fact]
    public async Task Upsert_creates_then_replaces_and_changes_the_etag()
    {
        var store = await StoreAsync();
        var first = await store.UpsertAsync(_table, "p", "r", "a", None);
        var second = await store.UpsertAsync(_table, "p", "r", "b", None);

        Assert.NotEqual(first, second);
        Assert.Equal("b", (await store.GetAsync(_table, "p", "r", None))!.Data);
    }

    [Fact]
    public async Task Replace_succeeds_only_with_the_current_etag()
    {
        var store = await StoreAsync();
        var etag = await store.UpsertAsync(_table, "p", "r", "a", None);

        var replaced = await store.ReplaceIfMatchAsync(_table, "p", "r", "b", etag, None);
        var stale = await store.ReplaceIfMatchAsync(_table, "p", "r", "c", etag, None);

        Assert.NotNull(replaced);
        Assert.Null(stale);
        var row = await store.GetAsync(_table, "p", "r", None);
        Assert.Equal("b", row!.Data);
        Assert.Equal(replaced, row.ETag);
    }

    [Fact]
    public async Task Replace_of_a_missing_row_does_not_create_it()
    {
        var store = await StoreAsync();
        var etag = await store.UpsertAsync(_table, "p", "other", "x", None);

        Assert.Null(await store.ReplaceIfMatchAsync(_table, "p", "missing", "b", etag, None));
        Assert.Null(await store.GetAsync(_table, "p", "missing", None));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_keeps_the_row()
    {
        var store = await StoreAsync();
        var old = await store.UpsertAsync(_table, "p", "r", "a", None);
        var current = await store.UpsertAsync(_table, "p", "r", "b", None);

        Assert.False(await store.DeleteAsync(_table, "p", "r", old, None));
        Assert.True(await store.DeleteAsync(_table, "p", "r", current, None));
        Assert.Null(await store.GetAsync(_table, "p", "r", None));
    }

    [Fact]
    public async Task Unconditional_delete_reports_whether_a_row_went()
    {
        var store = await StoreAsync();
        await store.UpsertAsync(_table, "p", "r", "a", None);

        Assert.True(await store.DeleteAsync(_table, "p", "r", null, None));
        Assert.False(await store.DeleteAsync(_table, "p", "r", null, None));
    }

    [Fact]
    public async Task Partition_query_returns_only_that_partition_in_row_key_order()
    {
        var store = await StoreAsync();
        foreach (var key in new[] { "c", "a", "b" })
        {
            await store.UpsertAsync(_table, "p1", key, key, None);
        }

        await store.UpsertAsync(_table, "p2", "a", "other", None);

        var rows = await ToListAsync(store.QueryAsync(_table, "p1", null, null, None));

        Assert.Equal(["a", "b", "c"], rows.Select(r => r.RowKey));
        Assert.All(rows, r => Assert.Equal("p1", r.PartitionKey));
    }

    [Fact]
    public async Task Range_query_includes_the_lower_bound_and_excludes_the_upper()
    {
        var store = await StoreAsync();
        foreach (var key in new[] { "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04" })
        {
            await store.UpsertAsync(_table, "p", key, key, None);
        }

        var rows = await ToListAsync(store.QueryAsync(_table, "p", "2026-01-02", "2026-01-04", None));

        Assert.Equal(["2026-01-02", "2026-01-03"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Whole_table_query_spans_partitions()
    {
        var store = await StoreAsync();
        await store.UpsertAsync(_table, "b", "1", "x", None);
        await store.UpsertAsync(_table, "a", "1", "y", None);

        var rows = await ToListAsync(store.QueryAsync(_table, null, null, null, None));

        Assert.Equal(["a", "b"], rows.Select(r => r.PartitionKey));
    }

    [Fact]
    public async Task Tables_do_not_see_each_others_rows()
    {
        var store = await StoreAsync();
        var otherTable = "o" + Guid.NewGuid().ToString("N")[..12];
        await store.EnsureTableAsync(otherTable, None);
        await store.UpsertAsync(_table, "p", "r", "mine", None);

        Assert.Null(await store.GetAsync(otherTable, "p", "r", None));
        Assert.Empty(await ToListAsync(store.QueryAsync(otherTable, null, null, null, None)));
    }

    [Fact]
    public async Task Unicode_payloads_and_keys_round_trip()
    {
        var store = await StoreAsync();
        const string payload = "{\"title\":\"北京智谱华章科技股份有限公司 — ＳＴＡＲ\",\"quote\":\"O'Brien\"}";
        await store.UpsertAsync(_table, "智谱", "O'Brien 2513", payload, None);

        Assert.Equal(payload, (await store.GetAsync(_table, "智谱", "O'Brien 2513", None))!.Data);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Forbidden_key_characters_are_refused_and_nothing_is_written(string badKey)
    {
        var store = await StoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(_table, "p", badKey, "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertIfAbsentAsync(_table, badKey, "r", "x", None));
        Assert.Empty(await ToListAsync(store.QueryAsync(_table, null, null, null, None)));
    }

    [Fact]
    public async Task Encoded_ids_are_valid_keys_and_stay_distinct()
    {
        var store = await StoreAsync();
        var keyA = EntityKeys.Encode("sse:a/b");
        var keyB = EntityKeys.Encode("sse:a%2Fb");
        await store.UpsertAsync(_table, "p", keyA, "A", None);
        await store.UpsertAsync(_table, "p", keyB, "B", None);

        Assert.NotEqual(keyA, keyB);
        Assert.Equal("A", (await store.GetAsync(_table, "p", keyA, None))!.Data);
        Assert.Equal("B", (await store.GetAsync(_table, "p", keyB, None))!.Data);
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_key_admit_exactly_one_writer()
    {
        var store = await StoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => store.InsertIfAbsentAsync(_table, "p", "same", i.ToString(System.Globalization.CultureInfo.InvariantCulture), None)));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Concurrent_writers_each_get_their_own_result()
    {
        var store = await StoreAsync();
        var etag = await store.UpsertAsync(_table, "p", "contended", "start", None);
        await store.UpsertAsync(_table, "p", "doomed", "x", None);
        var text = System.Globalization.CultureInfo.InvariantCulture;

        // Task.Run: every caller on its own thread, so the backend really sees them at once.
        var insertsTask = Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => store.InsertIfAbsentAsync(_table, "p", "row" + i.ToString("D2", text), i.ToString(text), None))));
        var sameKeyTask = Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.InsertIfAbsentAsync(_table, "p", "same", i.ToString(text), None))));
        var replacesTask = Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.ReplaceIfMatchAsync(_table, "p", "contended", "by " + i.ToString(text), etag, None))));
        var deletesTask = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.DeleteAsync(_table, "p", "doomed", null, None))));
        var (inserts, sameKey, replaces, deletes) = (await insertsTask, await sameKeyTask, await replacesTask, await deletesTask);

        Assert.All(inserts, Assert.NotNull);
        Assert.Equal(inserts.Length, inserts.Distinct().Count());
        var winner = Assert.Single(sameKey, r => r is not null);
        var replaced = Assert.Single(replaces, r => r is not null);
        Assert.Single(deletes, deleted => deleted);

        var contended = await store.GetAsync(_table, "p", "contended", None);
        Assert.Equal(replaced, contended!.ETag);
        Assert.Equal("by " + Array.IndexOf(replaces, replaced).ToString(text), contended.Data);
        Assert.Equal(winner, (await store.GetAsync(_table, "p", "same", None))!.ETag);
        Assert.Equal("7", (await store.GetAsync(_table, "p", "row07", None))!.Data);
        Assert.Null(await store.GetAsync(_table, "p", "doomed", None));
    }

    [Fact]
    public async Task About_240_KB_of_Chinese_text_round_trips_intact()
    {
        var store = await StoreAsync();
        // Varied CJK characters (3 bytes each in UTF-8): a multi-byte character split across request-body chunks must survive.
        var text = string.Concat(Enumerable.Range(0, 80_000).Select(i => (char)('一' + (i * 7 % 20000))));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 230_000, 250_000);

        await store.UpsertAsync(_table, "p", "big", text, None);

        Assert.Equal(text, (await store.GetAsync(_table, "p", "big", None))!.Data);
        Assert.Equal(text, Assert.Single(await ToListAsync(store.QueryAsync(_table, "p", null, null, None))).Data);
    }

    [Fact]
    public async Task A_batch_applies_every_kind_of_operation_together()
    {
        var store = await StoreAsync();
        await store.UpsertAsync(_table, "p", "upserted", "old", None);
        var etag = await store.UpsertAsync(_table, "p", "replaced", "old", None);
        await store.UpsertAsync(_table, "p", "deleted", "old", None);
        await store.UpsertAsync(_table, "q", "other", "untouched", None);

        var etags = await store.ExecuteBatchAsync(_table,
            [
                BatchOperation.Insert("p", "inserted", "new"),
                BatchOperation.Upsert("p", "upserted", "new"),
                BatchOperation.Replace("p", "replaced", "new", etag),
                BatchOperation.Delete("p", "deleted"),
            ], None);

        var rows = await ToListAsync(store.QueryAsync(_table, "p", null, null, None));
        Assert.Equal(["inserted", "replaced", "upserted"], rows.Select(r => r.RowKey));
        Assert.All(rows, r => Assert.Equal("new", r.Data));
        Assert.Equal(4, etags.Count);
        Assert.Equal(rows.Single(r => r.RowKey == "inserted").ETag, etags[0]);
        Assert.Equal(rows.Single(r => r.RowKey == "upserted").ETag, etags[1]);
        Assert.Equal(rows.Single(r => r.RowKey == "replaced").ETag, etags[2]);
        Assert.Null(etags[3]);
        Assert.Equal("untouched", (await store.GetAsync(_table, "q", "other", None))!.Data);
    }

    public enum Conflict
    {
        InsertOfExistingRow,
        ReplaceWithStaleETag,
        ReplaceOfMissingRow,
        DeleteOfMissingRow,
        DeleteWithStaleETag,
    }

    [Theory]
    [InlineData(Conflict.InsertOfExistingRow)]
    [InlineData(Conflict.ReplaceWithStaleETag)]
    [InlineData(Conflict.ReplaceOfMissingRow)]
    [InlineData(Conflict.DeleteOfMissingRow)]
    [InlineData(Conflict.DeleteWithStaleETag)]
    public async Task A_conflict_fails_the_whole_batch_and_names_the_operation(Conflict conflict)
    {
        var store = await StoreAsync();
        var stale = await store.UpsertAsync(_table, "p", "existing", "v1", None);
        var current = await store.UpsertAsync(_table, "p", "existing", "v2", None);
        await store.UpsertAsync(_table, "p", "kept", "before", None);
        var failing = conflict switch
        {
            Conflict.InsertOfExistingRow => BatchOperation.Insert("p", "existing", "x"),
            Conflict.ReplaceWithStaleETag => BatchOperation.Replace("p", "existing", "x", stale),
            Conflict.ReplaceOfMissingRow => BatchOperation.Replace("p", "missing", "x", current),
            Conflict.DeleteOfMissingRow => BatchOperation.Delete("p", "missing"),
            _ => BatchOperation.Delete("p", "existing", stale),
        };

        var error = await Assert.ThrowsAsync<BatchConflictException>(() => store.ExecuteBatchAsync(_table,
            [BatchOperation.Insert("p", "fresh", "x"), BatchOperation.Upsert("p", "kept", "after"), failing, BatchOperation.Upsert("p", "late", "x")], None));

        Assert.Equal(2, error.FailedIndex);
        Assert.Equal(failing, error.Operation);
        Assert.Null(await store.GetAsync(_table, "p", "fresh", None));
        Assert.Null(await store.GetAsync(_table, "p", "late", None));
        Assert.Equal("before", (await store.GetAsync(_table, "p", "kept", None))!.Data);
        var existing = await store.GetAsync(_table, "p", "existing", None);
        Assert.Equal(("v2", current), (existing!.Data, existing.ETag));
    }

    [Fact]
    public async Task A_batch_across_partitions_is_refused_and_writes_nothing()
    {
        var store = await StoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ExecuteBatchAsync(_table,
            [BatchOperation.Upsert("p", "a", "x"), BatchOperation.Upsert("q", "b", "x")], None));

        Assert.Contains("one partition", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(store.QueryAsync(_table, null, null, null, None)));
    }

    [Fact]
    public async Task A_batch_holds_at_most_100_operations_each_on_a_distinct_row()
    {
        var store = await StoreAsync();
        var hundred = Enumerable.Range(0, 100).Select(i => BatchOperation.Insert("p", "r" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "x")).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ExecuteBatchAsync(_table, [.. hundred, BatchOperation.Insert("p", "r100", "x")], None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExecuteBatchAsync(_table, [BatchOperation.Insert("p", "r", "x"), BatchOperation.Upsert("p", "r", "y")], None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExecuteBatchAsync(_table, [], None));
        Assert.Empty(await ToListAsync(store.QueryAsync(_table, null, null, null, None)));

        Assert.Equal(100, (await store.ExecuteBatchAsync(_table, hundred, None)).Count);
        Assert.Equal(100, (await ToListAsync(store.QueryAsync(_table, "p", null, null, None))).Count);
    }

    [Fact]
    public async Task Concurrent_batches_on_one_row_admit_exactly_one()
    {
        var store = await StoreAsync();
        var etag = await store.UpsertAsync(_table, "p", "counter", "0", None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.ExecuteBatchAsync(_table,
                    [BatchOperation.Replace("p", "counter", "1", etag), BatchOperation.Insert("p", "item" + i, "x")], None);
                return true;
            }
            catch (BatchConflictException error) when (error.FailedIndex == 0)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        Assert.Single(await ToListAsync(store.QueryAsync(_table, "p", "item", "itemz", None)));
    }

    private static async Task<List<StoredEntity>> ToListAsync(IAsyncEnumerable<StoredEntity> rows)
    {
        var list = new List<StoredEntity>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
