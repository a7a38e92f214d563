"""Schema migrations, applied in order and recorded in the `migrations` table."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, sources, rejections, near-duplicate index, full-text index",
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            lang TEXT,
            lang_confidence REAL,
            published TEXT,
            published_precision TEXT,
            published_start TEXT,
            published_note TEXT,
            copy_of TEXT REFERENCES articles(id),
            copy_similarity REAL,
            boilerplate INTEGER NOT NULL DEFAULT 0,
            n_chars INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published_start);
        CREATE INDEX articles_lang ON articles(lang, published_start);
        CREATE INDEX articles_copy_of ON articles(copy_of) WHERE copy_of IS NOT NULL;

        CREATE TABLE sources (
            article_id TEXT NOT NULL REFERENCES articles(id),
            location TEXT NOT NULL,
            record TEXT NOT NULL DEFAULT '',
            url TEXT,
            outlet TEXT,
            external_id TEXT,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (location, record, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX sources_article ON sources(article_id);
        CREATE INDEX sources_external ON sources(location, external_id) WHERE external_id IS NOT NULL;

        CREATE TABLE rejections (
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (source, code)
        ) WITHOUT ROWID;

        -- Keyed by the article's integer seq, so that inserts append instead of landing at random.
        CREATE TABLE signatures (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq),
            signature BLOB NOT NULL
        );
        CREATE TABLE lsh_bands (
            key INTEGER NOT NULL,
            band INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (key, band, seq)
        ) WITHOUT ROWID;

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """,
    ),
    (
        2,
        "entities and time mentions per article",
        """
        -- What the text stage found in each article, with character offsets into articles.text.
        CREATE TABLE article_entities (
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            normalized TEXT NOT NULL,
            PRIMARY KEY (article_id, start, end)
        ) WITHOUT ROWID;
        CREATE INDEX article_entities_name ON article_entities(normalized, type);
        CREATE TABLE article_time_mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            precision TEXT,
            modifier TEXT,
            resolved INTEGER NOT NULL,
            kind TEXT,
            reason TEXT,
            PRIMARY KEY (article_id, start, end)
        ) WITHOUT ROWID;
        CREATE INDEX article_time_mentions_value ON article_time_mentions(value) WHERE resolved;
        -- Which articles the text stage has seen, with which entity backend (a rerun skips them).
        CREATE TABLE article_analysis (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            backend TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    (
        3,
        "stories, events, story assignments, article embeddings, user corrections",
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id),
            title TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE INDEX events_story ON events(story_id);
        -- One row per clustered article; `pinned` marks a placement a user correction decided.
        CREATE TABLE story_assignments (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            event_id TEXT NOT NULL REFERENCES events(id),
            story_id TEXT NOT NULL REFERENCES stories(id),
            score REAL,
            pinned INTEGER NOT NULL DEFAULT 0,
            assigned_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX story_assignments_story ON story_assignments(story_id);
        CREATE INDEX story_assignments_event ON story_assignments(event_id);
        -- USE embeddings (512 float32) of title + lead, so that rebuilds and restarts need not embed again.
        CREATE TABLE article_embeddings (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            embedding BLOB NOT NULL
        ) WITHOUT ROWID;
        -- User corrections, replayed in order after every rebuild: merge, split, move.
        -- `article_ids` (JSON) anchors them to articles, so they survive story ids changing.
        CREATE TABLE story_corrections (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'move')),
            article_ids TEXT NOT NULL,
            story_id TEXT,
            other_story_id TEXT,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        4,
        "full-text index filled once per write transaction instead of once per inserted row",
        """
        -- A new article's seq waits here until its transaction commits (Store.atomic flushes it):
        -- indexing a batch at once costs a third less than a trigger per row.
        CREATE TABLE fts_pending (seq INTEGER PRIMARY KEY);
        DROP TRIGGER articles_ai;
        DROP TRIGGER articles_ad;
        DROP TRIGGER articles_au;
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT OR IGNORE INTO fts_pending VALUES (new.seq);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                SELECT 'delete', old.seq, old.title, old.text WHERE old.seq NOT IN (SELECT seq FROM fts_pending);
            DELETE FROM fts_pending WHERE seq = old.seq;
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles
        WHEN old.seq NOT IN (SELECT seq FROM fts_pending) BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """,
    ),
    (
        5,
        "stored story timelines",
        """
        -- Built timelines (storyline.store.timelines), one row per story and size (max_dates 0: the default).
        -- `signature` hashes what the row was built from (member articles, their sources, the size and the
        -- timeline code), so a row whose story changed is known stale. No foreign key: stories come and go
        -- with clustering, and their rows are renamed or dropped by the next refresh.
        CREATE TABLE story_timelines (
            story_id TEXT NOT NULL,
            max_dates INTEGER NOT NULL DEFAULT 0,
            signature TEXT NOT NULL,
            built_at TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0,
            timeline TEXT NOT NULL,
            abstract TEXT,
            abstract_key TEXT,
            PRIMARY KEY (story_id, max_dates)
        ) WITHOUT ROWID;
        CREATE INDEX story_timelines_signature ON story_timelines(signature);
        """,
    ),
    (
        6,
        "stage progress: ingest runs, the run that stored each waiting article, the clustering lock, stale timelines",
        """
        -- Every ingest (or analyse/cluster) run: which process, what stage it is in, when it last showed life.
        -- A run whose process is gone and whose ended_at is NULL was killed; its articles wait for the next run.
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            stage TEXT NOT NULL,
            plan TEXT NOT NULL,            -- the last stage the run meant to reach: store, analyse or cluster
            stored INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            heartbeat REAL NOT NULL,
            ended_at TEXT
        );
        -- The run that stored an article still waiting for a story (the row goes when the article is assigned):
        -- a live run clusters its own articles; those of ended or dead runs are anyone's to finish.
        -- No foreign key, so that deleting an article is not blocked by it.
        CREATE TABLE article_runs (
            article_id TEXT PRIMARY KEY,
            run_id INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX article_runs_run ON article_runs(run_id);
        CREATE TRIGGER article_runs_assigned AFTER INSERT ON story_assignments BEGIN
            DELETE FROM article_runs WHERE article_id = new.article_id;
        END;
        -- One clusterer at a time per database: the holder's run token, process and last sign of life.
        CREATE TABLE cluster_lock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            acquired_at TEXT NOT NULL,
            heartbeat REAL NOT NULL
        );
        -- Stories whose stored timeline may be stale (their members changed); emptied by the timeline refresh.
        CREATE TABLE timeline_pending (story_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER timeline_pending_ai AFTER INSERT ON story_assignments BEGIN
            INSERT OR IGNORE INTO timeline_pending VALUES (new.story_id);
        END;
        CREATE TRIGGER timeline_pending_au AFTER UPDATE OF story_id ON story_assignments BEGIN
            INSERT OR IGNORE INTO timeline_pending VALUES (old.story_id);
            INSERT OR IGNORE INTO timeline_pending VALUES (new.story_id);
        END;
        CREATE TRIGGER timeline_pending_ad AFTER DELETE ON story_assignments BEGIN
            INSERT OR IGNORE INTO timeline_pending VALUES (old.story_id);
        END;
        INSERT OR IGNORE INTO timeline_pending
            SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_timelines WHERE max_dates = 0);
        """,
    ),
    (
        7,
        "text notes",
        """
        -- How an article's bytes were decoded when not plainly (stray bytes that are not UTF-8 read as
        -- Windows-1252, a file in another encoding): shown with the article, NULL when nothing was done.
        ALTER TABLE articles ADD COLUMN text_note TEXT;
        """,
    ),
    (
        8,
        "retired stories",
        """
        -- The in-memory state of stories the clusterer retired (no new article for a stretch of stream time):
        -- term sums, centroids and events, zlib-compressed JSON and float32 rows. Owned by one clusterer
        -- instance (its token); a clusterer restored from the assignments drops the rows of earlier ones.
        CREATE TABLE retired_stories (
            token TEXT NOT NULL,
            story_id TEXT NOT NULL,
            state BLOB NOT NULL,
            vectors BLOB NOT NULL,
            PRIMARY KEY (token, story_id)
        ) WITHOUT ROWID;
        """,
    ),
]
