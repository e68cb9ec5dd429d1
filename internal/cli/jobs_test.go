package cli

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/jobs"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/internal/web"
)

// TestServeJobList builds the job list as `wei serve` does and checks it:
// names unique and present, periods positive, every job with a function.
func TestServeJobList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _, err := config.Load("serve", []string{"--db", db}, func(string) string { return "" }, true)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	m := mail.New(s, c.SMTP, log)
	wh, err := web.New(web.Deps{Store: s, Log: log, Mail: m, Config: c})
	if err != nil {
		t.Fatal(err)
	}
	list := serveJobs(jobDeps{Store: s, Log: log, Config: c, Mail: m, Web: wh})
	if err := jobs.Validate(list); err != nil {
		t.Fatal(err)
	}
	for _, j := range list {
		t.Logf("job %s every %v", j.Name, j.Every)
	}
}

func TestJobsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "", "jobs", "--db", db)
	if err != nil || !strings.Contains(out, "No background job has run yet") {
		t.Fatalf("jobs on a new database: %q, %v", out, err)
	}

	ctx := context.Background()
	s, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	for _, name := range []string{"signals.retention", "overleg.report", "busy"} {
		if ok, err := s.ClaimJob(ctx, name, now, 24*time.Hour, "host/1/abcd", time.Hour); err != nil || !ok {
			t.Fatalf("claim %s: %v %v", name, ok, err)
		}
	}
	if err := s.FinishJob(ctx, "signals.retention", "host/1/abcd", now.Add(1500*time.Millisecond), now.Add(24*time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishJob(ctx, "overleg.report", "host/1/abcd", now.Add(time.Second), now.Add(15*time.Minute), "smtp: connection refused\nmore detail"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	out, err = run(t, "", "jobs", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "JOB") {
		t.Fatalf("want a header and 3 jobs:\n%s", out)
	}
	for name, want := range map[string][]string{
		"busy":              {"24h0m0s", "running on host/1/abcd"},
		"overleg.report":    {"error: smtp: connection refused", "1s"},
		"signals.retention": {"1.5s", " ok", now.Add(24 * time.Hour).Local().Format("2006-01-02 15:04:05")},
	} {
		line := ""
		for _, l := range lines {
			if strings.HasPrefix(l, name+" ") {
				line = l
			}
		}
		for _, w := range want {
			if !strings.Contains(line, w) {
				t.Errorf("line for %s lacks %q:\n%s", name, w, out)
			}
		}
	}
	if strings.Contains(out, "more detail") {
		t.Errorf("only the first line of an error belongs in the list:\n%s", out)
	}
}

func TestWriteJobsEmpty(t *testing.T) {
	var b bytes.Buffer
	writeJobs(Env{Stdout: &b}, nil, time.Now())
	if !strings.Contains(b.String(), "wei serve") {
		t.Errorf("empty list: %q", b.String())
	}
}
