package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/jobs"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/internal/web"
)

// jobDeps is what the background jobs of `wei serve` may use.
type jobDeps struct {
	Store  *store.Store
	Log    *slog.Logger
	Config config.Config
	Mail   *mail.Sender
	Web    *web.Handler
}

// serveJobs is the one list of background jobs `wei serve` runs. Each
// module adds its job here with one line. Every job runs at most once per
// period across all instances sharing the database (see package jobs).
func serveJobs(d jobDeps) []jobs.Job {
	return []jobs.Job{
		// Modules add their jobs here, one line each.
		{Name: "signals-retention", Every: 24 * time.Hour, Run: d.Store.RunRetention},
		{Name: "overleg-report", Every: time.Hour, Run: d.Web.SendOverlegReports}, // each period's report e-mail, once (see web.SendOverlegReports)
		{Name: "dialoog-reminders", Every: 24 * time.Hour, Run: d.Web.SendInputReminders},
	}
}

// startJobs validates the job list and runs it in the background until ctx
// is cancelled; the returned stop function cancels the jobs and waits for
// them to record their results, so call it before closing the store.
func startJobs(ctx context.Context, d jobDeps) (stop func(), err error) {
	list := serveJobs(d)
	if err := jobs.Validate(list); err != nil {
		return nil, err
	}
	r := &jobs.Runner{Store: d.Store, Log: d.Log, Jobs: list}
	jctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.Run(jctx); err != nil {
			d.Log.Error("background jobs could not start", slog.Any("error", err))
		}
	}()
	return func() { cancel(); <-done }, nil
}

// jobsCmd lists the background jobs with their last and next run.
func jobsCmd(ctx context.Context, env Env, args []string) error {
	_, _, s, err := openDB(ctx, env, "jobs", args, schemaCheck, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.JobStatuses(ctx)
	if err != nil {
		return err
	}
	writeJobs(env, list, time.Now())
	return nil
}

func writeJobs(env Env, list []store.JobStatus, now time.Time) {
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "No background job has run yet; `wei serve` runs them.")
		return
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tEVERY\tLAST RUN\tTOOK\tNEXT RUN\tRUNS\tFAILED\tSTATUS")
	for _, j := range list {
		status := "ok"
		switch {
		case j.Running(now):
			status = "running on " + j.RunningBy
		case j.LastError != "":
			status = "error: " + firstLine(j.LastError)
		case j.Runs == 0:
			status = "not run yet"
		}
		took := "-"
		if !j.LastRunAt.IsZero() {
			took = j.LastDuration.Round(time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", j.Name, j.Every, stamp(j.LastRunAt), took, stamp(j.NextRunAt), j.Runs, j.Failures, status)
	}
	tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
