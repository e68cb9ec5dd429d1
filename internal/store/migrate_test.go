package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

func TestMigrate(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != s.LatestVersion() || v < 1 {
			t.Fatalf("SchemaVersion=%d, want %d", v, s.LatestVersion())
		}
		if n, err := s.Migrate(ctx); err != nil || n != 0 {
			t.Fatalf("second Migrate=%d, %v, want 0, nil", n, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Fatalf("CheckSchema=%v, want nil", err)
		}
	})
}

func TestCheckSchemaRefusesOldAndNew(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := store.Open(ctx, t.TempDir()+"/old.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); wei.ErrorCode(err) != wei.ECONFLICT {
		t.Fatalf("CheckSchema on empty db=%v, want ECONFLICT", err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.ExecForTest(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"); err != nil {
		t.Fatal(err)
	}
	err = s.CheckSchema(ctx)
	if wei.ErrorCode(err) != wei.ECONFLICT {
		t.Fatalf("CheckSchema on newer db=%v, want ECONFLICT", err)
	}
	if msg := wei.ErrorMessage(err); !contains(msg, "newer") || !contains(msg, "old.db") {
		t.Errorf("message %q should name the file and say it is newer", msg)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
