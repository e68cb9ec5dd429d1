package store

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei/overleg"
)

// The periodic report of a series and the record of which periods' report
// went out by e-mail.

// OverlegReport builds the report of a series for a period (see
// overleg.BuildReport) from what the store holds at now.
func (s *Store) OverlegReport(ctx context.Context, sr overleg.Series, p overleg.Period, now time.Time) (overleg.Report, error) {
	meetings, err := s.Meetings(ctx, sr.ID)
	if err != nil {
		return overleg.Report{}, err
	}
	var inPeriod []string
	for _, m := range meetings {
		if p.Contains(m.StartsAt) {
			inPeriod = append(inPeriod, m.ID)
		}
	}
	items, err := s.agendaItemsOf(ctx, inPeriod)
	if err != nil {
		return overleg.Report{}, err
	}
	decisions, err := s.Decisions(ctx, inPeriod...)
	if err != nil {
		return overleg.Report{}, err
	}
	actions, err := s.Actions(ctx, sr.ID)
	if err != nil {
		return overleg.Report{}, err
	}
	// Every signal created before the end of the period: those of this
	// and the previous period for the trends, and older ones that were
	// solved in the period.
	signals, err := s.SignalsBetween(ctx, sr.WijkID, time.Time{}, p.End)
	if err != nil {
		return overleg.Report{}, err
	}
	orgs, err := s.Organisations(ctx, sr.WijkID)
	if err != nil {
		return overleg.Report{}, err
	}
	names := make(map[string]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return overleg.BuildReport(overleg.ReportInput{Series: sr, Period: p, Now: now, Meetings: meetings, Items: items, Decisions: decisions,
		Actions: actions, Signals: signals, OrgNames: names}), nil
}

// SeriesOrganisations returns the organisations that were ever invited to
// a meeting of the series: the parties of the overleg.
func (s *Store) SeriesOrganisations(ctx context.Context, seriesID string) (map[string]bool, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT p.organisation_id FROM overleg_participants p JOIN overleg_meetings m ON m.id = p.meeting_id WHERE m.series_id = ?`, seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: series organisations: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: series organisations: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// ReportSend is the record of one period's report e-mail.
type ReportSend struct {
	SeriesID   string
	Period     string
	ClaimedAt  time.Time
	SentAt     time.Time // zero while sending, or when it failed
	Recipients int
	Error      string
}

// ClaimReportSend claims the sending of a series' report for a period. It
// returns true for exactly one caller per series and period, also when
// several instances of WEI try at once: the claim is a row whose primary
// key is the series and the period.
func (s *Store) ClaimReportSend(ctx context.Context, seriesID, period string) (bool, error) {
	claimed := false
	err := s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "INSERT INTO overleg_report_sends (series_id, period, claimed_at) VALUES (?, ?, ?) ON CONFLICT (series_id, period) DO NOTHING",
			seriesID, period, ms(s.now()))
		if err != nil {
			return mapErr(fmt.Errorf("store: claim report %s %s: %w", seriesID, period, err))
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// FinishReportSend records how the sending of a claimed report ended.
func (s *Store) FinishReportSend(ctx context.Context, seriesID, period string, recipients int, sendErr string) error {
	sent := ms(s.now())
	if sendErr != "" {
		sent = 0
	}
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE overleg_report_sends SET sent_at = ?, recipients = ?, error = ? WHERE series_id = ? AND period = ?",
			sent, recipients, sendErr, seriesID, period)
		if err != nil {
			return fmt.Errorf("store: finish report %s %s: %w", seriesID, period, err)
		}
		return mustAffect(res)
	})
}

// ReportSends lists the report e-mails of a series, newest period first.
func (s *Store) ReportSends(ctx context.Context, seriesID string) ([]ReportSend, error) {
	rows, err := s.query(ctx, "SELECT series_id, period, claimed_at, sent_at, recipients, error FROM overleg_report_sends WHERE series_id = ? ORDER BY period DESC", seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: report sends: %w", err)
	}
	defer rows.Close()
	var out []ReportSend
	for rows.Next() {
		var r ReportSend
		var claimed, sent int64
		if err := rows.Scan(&r.SeriesID, &r.Period, &claimed, &sent, &r.Recipients, &r.Error); err != nil {
			return nil, fmt.Errorf("store: report sends: %w", err)
		}
		r.ClaimedAt, r.SentAt = fromMS(claimed), fromMS(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}
