// Package store persists WEI's domain in SQLite (embedded, the default) or
// PostgreSQL. All handwritten SQL lives here; the schema is portable and
// queries are written with '?' placeholders and rebound for PostgreSQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/wei-platform/wei"
)

// Dialect is the SQL engine behind a Store.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Store is the database. On SQLite it keeps a one-connection writer pool
// beside a reader pool; on PostgreSQL both are the same pool.
type Store struct {
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	path    string // SQLite file, for messages and backup
	log     *slog.Logger
	now     func() time.Time
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn: a postgres:// URL or a SQLite file
// path. It checks the connection but does not migrate.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{log: log, now: time.Now}
	if IsPostgres(dsn) {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.dialect, s.write, s.read = Postgres, db, db
	} else {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("store: empty database path")
		}
		if dir := filepath.Dir(path); dir != "." {
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("store: database folder %s does not exist", dir)
			}
		}
		s.path = path
		w, err := sql.Open("sqlite", sqliteDSN(path, true))
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", sqliteDSN(path, false))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		r.SetMaxOpenConns(8)
		s.dialect, s.write, s.read = SQLite, w, r
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.write.PingContext(pctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: connect to %s database: %w", s.dialect, err)
	}
	if s.dialect == SQLite {
		// Touch the file through the writer so the reader pool finds a database.
		if _, err := s.write.ExecContext(pctx, "SELECT 1"); err != nil {
			s.Close()
			return nil, fmt.Errorf("store: open %s: %w", s.path, err)
		}
	}
	return s, nil
}

// sqliteDSN puts every per-connection setting in the DSN, so each pooled
// connection gets them (busy_timeout first so the others wait for locks).
func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(ON)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes the pools.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		if rerr := s.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Dialect returns the engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// Path returns the SQLite file path, or "" for PostgreSQL.
func (s *Store) Path() string { return s.path }

// Ping checks the database, for /healthz.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// SetClock replaces the clock, for tests.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// rebind turns '?' placeholders into $1, $2, ... for PostgreSQL.
func (d Dialect) rebind(q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inStr := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c == '\'' {
			inStr = !inStr
		}
		if c == '?' && !inStr {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Tx is a write transaction. Exported store methods own their transaction;
// unexported helpers take a *Tx.
type Tx struct {
	tx *sql.Tx
	d  Dialect
	s  *Store
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.d.rebind(q), args...)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.d.rebind(q), args...)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.d.rebind(q), args...)
}

// inTx runs fn in a write transaction and commits if fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*Tx) error) error {
	t, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer t.Rollback()
	if err := fn(&Tx{tx: t, d: s.dialect, s: s}); err != nil {
		return err
	}
	if err := t.Commit(); err != nil {
		return mapErr(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, s.dialect.rebind(q), args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, s.dialect.rebind(q), args...)
}

// mapErr turns driver errors the domain cares about into *wei.Error:
// unique violations become ECONFLICT, foreign key violations EINVALID.
// It inspects driver error codes, never error text.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &wei.Error{Code: wei.ECONFLICT, Message: "This already exists."}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &wei.Error{Code: wei.EINVALID, Message: "This refers to something that does not exist."}
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return &wei.Error{Code: wei.EINVALID, Message: "A value is not allowed."}
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return &wei.Error{Code: wei.ECONFLICT, Message: "This already exists."}
		case "23503":
			return &wei.Error{Code: wei.EINVALID, Message: "This refers to something that does not exist."}
		case "23514":
			return &wei.Error{Code: wei.EINVALID, Message: "A value is not allowed."}
		}
	}
	return err
}

// ms converts a time to stored milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts stored milliseconds back; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

const dateLayout = "2006-01-02"

func dateStr(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// lastDayIfZero returns t, or for the zero time a day after every date the
// books can hold: "up to" without an end.
func lastDayIfZero(t time.Time) time.Time {
	if t.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(dateLayout, s)
	return t
}

// nullStr stores "" as NULL, for optional foreign keys.
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}
