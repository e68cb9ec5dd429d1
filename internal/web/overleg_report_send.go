package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

// SendOverlegReports e-mails, for every series with subscribers, the
// report of the last period that has ended (last week or last month, by
// the series' frequency). The background job of `wei serve` calls it
// every hour: each period's report goes out exactly once, also with
// several instances, because sending starts only after claiming the
// series and period in the database (store.ClaimReportSend). A series
// without subscribers claims nothing, so an address added later still
// gets the last report. The e-mail is in Dutch with the counts
// suppressed, since subscribers may be outside the overleg; it links to
// the whole report for those who can log in.
func (h *Handler) SendOverlegReports(c context.Context, now time.Time) error {
	all, err := h.store.AllSeries(c)
	if err != nil {
		return err
	}
	l := h.loc.For(locale.Default)
	var errs []error
	for _, sr := range all {
		per := overleg.PeriodOf(sr.ReportEvery, now).Prev()
		if !per.End.After(sr.CreatedAt) {
			continue // the series did not exist yet in that period
		}
		subs, err := h.store.Subscribers(c, sr.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(subs) == 0 {
			continue
		}
		claimed, err := h.store.ClaimReportSend(c, sr.ID, per.String())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !claimed {
			continue // sent before, or by another instance just now
		}
		sent, err := h.sendReport(c, l, sr, per, subs, now)
		errText := ""
		if err != nil {
			errText = err.Error()
			errs = append(errs, fmt.Errorf("report of series %s for %s: %w", sr.ID, per, err))
		}
		if ferr := h.store.FinishReportSend(c, sr.ID, per.String(), sent, errText); ferr != nil {
			errs = append(errs, ferr)
		}
		h.log.Info("overleg report sent", slog.String("series_id", sr.ID), slog.String("period", per.String()), slog.Int("recipients", sent))
	}
	return errors.Join(errs...)
}

// sendReport builds the report and mails it to every subscriber; it
// returns how many messages went into the outbox.
func (h *Handler) sendReport(c context.Context, l *locale.Localizer, sr overleg.Series, per overleg.Period, subs []string, now time.Time) (int, error) {
	wk, err := h.store.Wijk(c, sr.WijkID)
	if err != nil {
		return 0, err
	}
	v, err := h.buildReportView(c, l, sr, per, reportOptions{Suppressed: true, Now: now})
	if err != nil {
		return 0, err
	}
	link := h.cfg.BaseURL + "/w/" + wk.Slug + "/overleg/" + sr.ID + "/rapport?periode=" + per.String()
	body := reportMailText(l, v, link)
	sent := 0
	var errs []error
	for _, to := range subs {
		if err := h.mail.Send(c, to, v.Title, body); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// reportMailText is the report as a plain-text e-mail.
func reportMailText(l *locale.Localizer, v reportView, link string) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	heading := func(s string) { line(""); line(s); line(strings.Repeat("-", len([]rune(s)))) }
	line(v.Title)
	line(strings.Repeat("=", len([]rune(v.Title))))
	line("")
	for _, p := range reportIntro(l, v) {
		line(p)
	}
	heading(l.T("overleg.report.decisions"))
	if len(v.Decisions) == 0 {
		line(l.T("overleg.report.decisions.none"))
	}
	for _, d := range v.Decisions {
		s := "- " + l.Date(d.Date) + ": "
		if d.Item != "" {
			s += d.Item + ": "
		}
		line(s + d.Text)
	}
	actions := func(rows []actionRow) {
		for _, a := range rows {
			line("- " + a.What + " — " + actionWho(l, a) + " — " + l.T("overleg.action.due_by", l.Date(a.Due)) + " — " + actionState(l, a))
		}
	}
	heading(l.T("overleg.report.overdue"))
	if len(v.Overdue) == 0 {
		line(l.T("overleg.report.overdue.none"))
	}
	actions(v.Overdue)
	heading(l.T("overleg.report.who"))
	if len(v.Who) == 0 {
		line(l.T("overleg.report.who.none"))
	}
	for _, g := range v.Who {
		line(g.Org + ":")
		actions(g.Actions)
	}
	heading(l.T("overleg.report.signals"))
	line(reportSignalSummary(l, v))
	for _, t := range []struct {
		title string
		rows  []trendRow
	}{{l.T("overleg.report.themes"), v.Themes}, {l.T("overleg.report.buurten"), v.Buurten}} {
		if len(t.rows) == 0 {
			continue
		}
		line("")
		line(t.title + ":")
		for _, tr := range t.rows {
			line("- " + l.T("overleg.report.trend_line", tr.Label, tr.Now.Text, tr.Prev.Text, tr.Change))
		}
	}
	if v.Suppressed {
		line("")
		line(l.T("overleg.report.suppressed", signaal.MinCell))
	}
	line("")
	line(l.T("overleg.report.mail.link", link))
	line("")
	line(l.T("overleg.report.mail.why"))
	return b.String()
}
