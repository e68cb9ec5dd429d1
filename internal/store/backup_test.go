package store_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// contents is what a backup must carry over, read through store methods.
type contents struct {
	Version       int
	Wijken        []wijk.Wijk
	Buurten       []wijk.Buurt
	Users         []account.User
	People        []wijk.Person
	Organisations []wijk.Organisation
	Memberships   []store.MembershipView
	Grants        []store.GrantView
	Tokens        []store.APIToken
	Audit         []privacy.AuditEntry
	Outbox        []store.Mail
}

func readContents(t testing.TB, s *store.Store, wijkID, userID, orgID string) contents {
	t.Helper()
	ctx := t.Context()
	var c contents
	var err error
	check := func() {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c.Version, err = s.SchemaVersion(ctx)
	check()
	c.Wijken, err = s.Wijken(ctx)
	check()
	c.Buurten, err = s.Buurten(ctx, wijkID)
	check()
	c.Users, err = s.Users(ctx)
	check()
	c.People, err = s.People(ctx, wijkID)
	check()
	c.Organisations, err = s.Organisations(ctx, wijkID)
	check()
	c.Memberships, err = s.MembershipsOfOrganisation(ctx, orgID)
	check()
	c.Grants, err = s.GrantsOfWijk(ctx, wijkID)
	check()
	c.Tokens, err = s.APITokens(ctx, userID)
	check()
	c.Audit, err = s.AuditLog(ctx, "", 100)
	check()
	c.Outbox, err = s.Outbox(ctx, 100)
	check()
	return c
}

// TestBackup is not parallel with the other tests: on PostgreSQL pg_dump
// reads every schema of the test database, and other tests create and drop
// their schemas while they run.
func TestBackup(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "noord", "Noord")
		mustBuurt(t, s, w.ID, "Parkbuurt")
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		p := wijk.Person{WijkID: w.ID, DisplayName: "Anna", Email: "anna@example.nl", UserID: anna.ID, ConsentAt: clk.Now()}
		if err := s.CreatePerson(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		mustMembership(t, s, org.ID, p.ID, wijk.MemberTrekker, date(2024, 5, 1))
		mustGrant(t, s, anna.ID, w.ID, account.RoleInitiatiefnemer, org.ID)
		if _, _, err := s.CreateAPIToken(t.Context(), anna.ID, "laptop"); err != nil {
			t.Fatal(err)
		}
		mustAudit(t, s, privacy.AuditEntry{ActorID: anna.ID, WijkID: w.ID, Action: privacy.ActionCreate, SubjectType: "person", SubjectID: p.ID})
		mustMail(t, s, "anna@example.nl", "Welkom", "Hallo Anna")

		dir := t.TempDir()
		t.Run("refuses an existing destination", func(t *testing.T) {
			dest := filepath.Join(dir, "existing")
			if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := s.Backup(t.Context(), dest, dsnOf(s)); err == nil {
				t.Fatal("Backup onto an existing file=nil, want an error")
			}
			if b, err := os.ReadFile(dest); err != nil || string(b) != "keep me" {
				t.Errorf("existing file=%q, %v, want %q untouched", b, err, "keep me")
			}
		})

		dest := filepath.Join(dir, "wei-backup")
		if s.Dialect() == store.Postgres {
			err := s.Backup(t.Context(), dest, dsnOf(s))
			if _, lookErr := exec.LookPath("pg_dump"); lookErr != nil {
				if !errors.Is(err, store.ErrNoPgDump) {
					t.Fatalf("Backup without pg_dump=%v, want ErrNoPgDump", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Backup with pg_dump=%v, want nil", err)
			}
			b, err := os.ReadFile(dest)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("PGDMP")) {
				t.Errorf("dump starts with %q, want a pg_dump custom-format archive (PGDMP)", b[:min(len(b), 5)])
			}
			if err := s.Backup(t.Context(), dest, dsnOf(s)); err == nil {
				t.Error("second Backup to the same file=nil, want an error")
			}
			return
		}

		if err := s.Backup(t.Context(), dest, dsnOf(s)); err != nil {
			t.Fatal(err)
		}
		want := readContents(t, s, w.ID, anna.ID, org.ID)
		if want.Version != s.LatestVersion() || len(want.People) != 1 || len(want.Memberships) != 1 {
			t.Fatalf("source Version, People, Memberships=%d, %d, %d, want %d, 1, 1", want.Version, len(want.People), len(want.Memberships), s.LatestVersion())
		}
		// Changes after the backup must not show up in it.
		mustWijk(t, s, "zuid", "Zuid")

		cp, err := store.Open(t.Context(), dest, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cp.Close() })
		if err := cp.CheckSchema(t.Context()); err != nil {
			t.Errorf("CheckSchema(backup)=%v, want nil", err)
		}
		got := readContents(t, cp, w.ID, anna.ID, org.ID)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("backup contents mismatch (-want +got):\n%s", diff)
		}
		if err := s.Backup(t.Context(), dest, dsnOf(s)); err == nil {
			t.Error("second Backup to the same file=nil, want an error")
		}
	})
}

// dsnOf returns what the CLI would pass to Backup: the SQLite file, or the
// PostgreSQL URL.
func dsnOf(s *store.Store) string {
	if s.Dialect() == store.Postgres {
		return os.Getenv("WEI_TEST_POSTGRES_URL")
	}
	return s.Path()
}
