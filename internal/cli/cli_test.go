package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
)

func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), append([]string{"wei"}, args...), func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return out.String(), err
}

func TestCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if out, err := run(t, "", "migrate", "--db", db); err != nil || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %q, %v", out, err)
	}
	out, err := run(t, "", "demo", "--db", db)
	if err != nil || !strings.Contains(out, "bewoner@example.org") || !strings.Contains(out, "wijk-demo-2026") {
		t.Fatalf("demo: %q, %v", out, err)
	}
	out, err = run(t, "", "demo", "--db", db)
	if err != nil || !strings.Contains(out, "already present") || !strings.Contains(out, "beheerder@example.org") {
		t.Fatalf("second demo: %q, %v", out, err)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if out, err := run(t, "", "backup", "--db", db, "-o", backup); err != nil || !strings.Contains(out, backup) {
		t.Fatalf("backup: %q, %v", out, err)
	}
	s, err := store.Open(context.Background(), backup, nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.CountPeople(context.Background(), mustWijkID(t, s))
	s.Close()
	if err != nil || n < 180 {
		t.Fatalf("backup holds %d people, %v", n, err)
	}
	out, err = run(t, "a-long-enough-password\n", "user", "create", "--db", db, "--email", "Nieuw@Example.org", "--name", "Nieuw", "--wijk", "blauwe-akker", "--role", "procesmanager", "--password-stdin")
	if err != nil || !strings.Contains(out, "nieuw@example.org") || strings.Contains(out, "password:") {
		t.Fatalf("user create: %q, %v", out, err)
	}
	if _, err := run(t, "", "user", "create", "--db", db, "--email", "nieuw@example.org", "--name", "Twee"); err == nil {
		t.Fatal("user create with a taken address succeeded")
	}
	out, err = run(t, "", "user", "reset", "--db", db, "--email", "nieuw@example.org")
	if err != nil || !strings.Contains(out, "password: ") {
		t.Fatalf("user reset: %q, %v", out, err)
	}
	if _, err := run(t, "", "bogus"); ExitCode(err) != 2 {
		t.Fatalf("unknown command: exit %d, want 2", ExitCode(err))
	}
}

func mustWijkID(t *testing.T, s *store.Store) string {
	t.Helper()
	w, err := s.WijkBySlug(context.Background(), "blauwe-akker")
	if err != nil {
		t.Fatal(err)
	}
	return w.ID
}

// TestServeRefusesBadDatabases checks the one-line errors for a database
// that cannot be opened and for one from a newer WEI.
func TestServeRefusesBadDatabases(t *testing.T) {
	_, err := run(t, "", "serve", "--db", "/nonexistent/folder/wei.db", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/folder/wei.db") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("serve on a missing folder: %v", err)
	}
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ExecForTest(context.Background(), "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = run(t, "", "serve", "--db", db, "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), db) {
		t.Fatalf("serve on a newer database: %v", err)
	}
	notDB := filepath.Join(t.TempDir(), "garbage.db")
	os.WriteFile(notDB, bytes.Repeat([]byte("not a database "), 100), 0o600)
	_, err = run(t, "", "serve", "--db", notDB, "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), notDB) {
		t.Fatalf("serve on a file that is no database: %v", err)
	}
}

// TestServeGracefulShutdown starts the server on a free port, waits for
// /healthz and stops it with the context, as SIGTERM does.
func TestServeGracefulShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"wei", "serve", "--db", db, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var url string
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "WEI listens on "); ok {
			url = u
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		t.Fatalf("no URL printed; Run returned %v", <-done)
	}
	resp, err := http.Get(url + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "wei_http_requests_total") {
		t.Errorf("/metrics lacks wei_http_requests_total")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not shut down")
	}
}

func TestImportBankCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "demo", "--db", db); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := mustWijkID(t, s)
	if err := s.EnsureChart(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	bankAcct, err := s.AccountByCode(context.Background(), w, store.CodeBank, "EUR")
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's account; the demo may have registered its own IBAN too.
	if err := s.AddBankAccount(context.Background(), w, "NL44RABO0123456789", bankAcct.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	file := "../../bank/testdata/camt053_v02.xml"
	out, err := run(t, "", "import", "bank", "--db", db, "--wijk", "blauwe-akker", file)
	if err != nil || !strings.Contains(out, "imported 4") {
		t.Fatalf("import: %q, %v", out, err)
	}
	out, err = run(t, "", "import", "bank", "--db", db, "--wijk", "blauwe-akker", file)
	if err != nil || !strings.Contains(out, "duplicates 4") {
		t.Fatalf("second import: %q, %v", out, err)
	}
	if _, err := run(t, "", "import", "bank", "--db", db, "--wijk", "blauwe-akker", "../../bank/testdata/does-not-exist.xml"); err == nil {
		t.Fatal("import of a missing file succeeded")
	}
}
