package store

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
)

// JobStatus is the stored state of one background job, for `wei jobs`.
type JobStatus struct {
	Name         string
	Every        time.Duration
	NextRunAt    time.Time // due from this moment; zero: due now
	RunningBy    string    // instance holding the job, "" when idle
	LeaseUntil   time.Time // the holder's claim runs out at this moment
	StartedAt    time.Time // start of the current or last run
	LastRunAt    time.Time // end of the last finished run
	LastDuration time.Duration
	LastError    string // "" when the last run succeeded
	Runs         int64
	Failures     int64
}

// Running reports whether an instance holds the job at now.
func (j JobStatus) Running(now time.Time) bool {
	return j.RunningBy != "" && j.LeaseUntil.After(now)
}

// ClaimJob claims the job name for instanceID when it is due at now and no
// other instance holds an unexpired lease on it. The claim is one
// conditional UPDATE, so of several instances sharing a database exactly
// one gets ok; it holds the job until FinishJob or until the lease runs out
// (then another instance may retry it). A job seen for the first time is
// created due at once; every is recorded for display.
func (s *Store) ClaimJob(ctx context.Context, name string, now time.Time, every time.Duration, instanceID string, lease time.Duration) (ok bool, err error) {
	switch {
	case name == "":
		return false, &wei.Error{Code: wei.EINVALID, Message: "A job needs a name."}
	case instanceID == "":
		return false, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Job %s: the instance claiming it needs a name.", name)}
	case every <= 0 || lease <= 0:
		return false, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Job %s: its period and lease must be longer than zero.", name)}
	}
	err = s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "INSERT INTO jobs (name, every_ms, next_run_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			name, every.Milliseconds(), ms(now)); err != nil {
			return fmt.Errorf("store: register job %s: %w", name, err)
		}
		res, err := tx.exec(ctx, `UPDATE jobs SET running_by = ?, lease_until = ?, started_at = ?, every_ms = ?
			WHERE name = ? AND next_run_at <= ? AND lease_until <= ?`,
			instanceID, ms(now.Add(lease)), ms(now), every.Milliseconds(), name, ms(now), ms(now))
		if err != nil {
			return fmt.Errorf("store: claim job %s: %w", name, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: claim job %s: %w", name, err)
		}
		ok = n == 1
		return nil
	})
	if err != nil {
		return false, mapErr(err)
	}
	return ok, nil
}

// FinishJob records the end of a run that instanceID claimed: when it
// finished, the error text ("" on success) and when the job is due next. It
// fails with ECONFLICT when the instance no longer holds the job (its lease
// ran out and another instance claimed it).
func (s *Store) FinishJob(ctx context.Context, name, instanceID string, finished, next time.Time, runErr string) error {
	failed := 0
	if runErr != "" {
		failed = 1
	}
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE jobs SET running_by = '', lease_until = 0, last_run_at = ?,
			last_duration_ms = CASE WHEN started_at > 0 AND ? > started_at THEN ? - started_at ELSE 0 END,
			last_error = ?, next_run_at = ?, runs = runs + 1, failures = failures + ?
			WHERE name = ? AND running_by = ?`,
			ms(finished), ms(finished), ms(finished), runErr, ms(next), failed, name, instanceID)
		if err != nil {
			return fmt.Errorf("store: finish job %s: %w", name, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: finish job %s: %w", name, err)
		}
		if n != 1 {
			return &wei.Error{Code: wei.ECONFLICT, Message: fmt.Sprintf("Job %s is no longer held by instance %s: its lease ran out.", name, instanceID)}
		}
		return nil
	})
}

// JobStatuses lists every job the instances have run, by name.
func (s *Store) JobStatuses(ctx context.Context) ([]JobStatus, error) {
	rows, err := s.query(ctx, `SELECT name, every_ms, next_run_at, running_by, lease_until, started_at, last_run_at,
		last_duration_ms, last_error, runs, failures FROM jobs ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list jobs: %w", err)
	}
	defer rows.Close()
	var out []JobStatus
	for rows.Next() {
		var j JobStatus
		var every, next, lease, started, last, dur int64
		if err := rows.Scan(&j.Name, &every, &next, &j.RunningBy, &lease, &started, &last, &dur, &j.LastError, &j.Runs, &j.Failures); err != nil {
			return nil, fmt.Errorf("store: list jobs: %w", err)
		}
		j.Every, j.LastDuration = time.Duration(every)*time.Millisecond, time.Duration(dur)*time.Millisecond
		j.NextRunAt, j.LeaseUntil, j.StartedAt, j.LastRunAt = fromMS(next), fromMS(lease), fromMS(started), fromMS(last)
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list jobs: %w", err)
	}
	return out, nil
}
