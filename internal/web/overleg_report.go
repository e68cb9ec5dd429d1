package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/pdf"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

// The periodic report of a series: what must happen (the decisions), who
// does what (the actions by organisation), what is overdue, the new and
// solved signals, and the trends per theme and buurt against the previous
// period. One reportView feeds the HTML page, the PDF and the e-mail, so
// they say the same.
//
// Counts of signals: the parties of the overleg (the organisations ever
// invited to one of its meetings) and the wijk's own staff see them as
// they are; a partner outside the overleg, and the e-mail to subscribers,
// get them suppressed (fewer than five hidden, see signaal.SuppressTable)
// and without the signals' titles or contact persons.

// reportView is a report made ready to show.
type reportView struct {
	Title       string
	SeriesName  string
	Period      string // "november 2026"
	PeriodKey   string // "2026-11"
	Running     bool   // the period has not ended yet
	AsOf        time.Time
	Suppressed  bool
	NoMeetings  bool // the series has no meetings at all
	Meetings    []meetingRow
	Next        *meetingRow
	Decisions   []reportDecisionRow
	Who         []whoGroup
	Overdue     []actionRow
	OpenActions int
	New         countCell
	Solved      countCell
	PrevNew     countCell
	NewList     []reportSignal // only when the titles may be shown
	SolvedList  []reportSignal
	Themes      []trendRow
	Buurten     []trendRow
}

type reportDecisionRow struct {
	Date time.Time
	Item string
	Text string
}

type whoGroup struct {
	Org     string
	Own     bool
	Actions []actionRow
}

type reportSignal struct {
	Title string
	Theme string
	Buurt string
	At    time.Time
	URL   string
}

// countCell is a published count: Text is the number, or "fewer than 5".
type countCell struct {
	N      int
	Hidden bool
	Text   string
}

type trendRow struct {
	Label  string
	Now    countCell
	Prev   countCell
	Change string
}

// reportOptions say for whom a report is made.
type reportOptions struct {
	Suppressed bool            // counts suppressed, no titles or persons
	Titles     bool            // the signals' titles may be listed
	Own        map[string]bool // the reader's own organisations
	SignalURL  func(id string) string
	MeetingURL func(seriesID, meetingID string) string
	Now        time.Time
}

// buildReportView builds the report of a series for a period as the
// options allow.
func (h *Handler) buildReportView(c context.Context, l *locale.Localizer, sr overleg.Series, per overleg.Period, o reportOptions) (reportView, error) {
	rep, err := h.store.OverlegReport(c, sr, per, o.Now)
	if err != nil {
		return reportView{}, err
	}
	orgs, err := h.store.Organisations(c, sr.WijkID)
	if err != nil {
		return reportView{}, err
	}
	names := map[string]string{}
	for _, org := range orgs {
		names[org.ID] = org.Name
	}
	themes, err := h.store.Themes(c, sr.WijkID)
	if err != nil {
		return reportView{}, err
	}
	buurten, err := h.store.Buurten(c, sr.WijkID)
	if err != nil {
		return reportView{}, err
	}
	buurtName := map[string]string{"": l.T("overleg.report.no_buurt")}
	for _, b := range buurten {
		buurtName[b.ID] = b.Name
	}
	v := reportView{SeriesName: sr.Name, Period: periodLabel(l, per), PeriodKey: per.String(), Running: o.Now.Before(per.End), AsOf: rep.AsOf,
		Suppressed: o.Suppressed, NoMeetings: rep.NoMeetings}
	v.Title = l.T("overleg.report.title", sr.Name, v.Period)
	rowsOf := func(list []overleg.Action) []actionRow {
		rows := make([]actionRow, 0, len(list))
		for _, a := range list {
			with := make([]string, 0, len(a.WithOrgIDs))
			for _, id := range a.WithOrgIDs {
				with = append(with, names[id])
			}
			row := actionRow{ID: a.ID, What: a.What, Org: names[a.OrganisationID], With: strings.Join(with, ", "), Due: a.Due, StatusKey: a.Status,
				Status: l.T("overleg.action.status." + string(a.Status)), Open: overleg.OpenAt(a, rep.AsOf), Overdue: overleg.Overdue(a, rep.AsOf), Agreed: a.AgreedAt,
				ClosedAt: a.ClosedAt}
			if !o.Suppressed {
				row.Person = a.Person
			}
			for _, id := range a.OrgIDs() {
				row.Own = row.Own || o.Own[id]
			}
			if o.MeetingURL != nil {
				row.MeetingURL = o.MeetingURL(a.SeriesID, a.MeetingID)
			}
			row.Status = actionState(l, row)
			rows = append(rows, row)
		}
		return rows
	}
	for _, m := range rep.Meetings {
		row := meetingRow{ID: m.ID, StartsAt: m.StartsAt, EndsAt: m.EndsAt, Place: m.Place, Invited: len(m.Participants), Held: m.Held(o.Now)}
		for _, p := range m.Participants {
			if p.Attendance == overleg.Present {
				row.Present++
			}
		}
		if o.MeetingURL != nil {
			row.URL = o.MeetingURL(sr.ID, m.ID)
		}
		v.Meetings = append(v.Meetings, row)
	}
	if m := rep.NextMeeting; m != nil {
		v.Next = &meetingRow{ID: m.ID, StartsAt: m.StartsAt, EndsAt: m.EndsAt, Place: m.Place, Invited: len(m.Participants)}
		if o.MeetingURL != nil {
			v.Next.URL = o.MeetingURL(sr.ID, m.ID)
		}
	}
	for _, d := range rep.Decisions {
		v.Decisions = append(v.Decisions, reportDecisionRow{Date: d.MeetingStart, Item: d.ItemTitle, Text: d.Text})
	}
	for _, g := range rep.WhoDoesWhat {
		wg := whoGroup{Org: names[g.OrganisationID], Own: o.Own[g.OrganisationID], Actions: rowsOf(g.Actions)}
		v.Who = append(v.Who, wg)
	}
	v.Overdue = rowsOf(rep.Overdue)
	v.OpenActions = rep.OpenActions

	// Counts: one table per breakdown, columns this period and the
	// previous one; the column totals are the numbers of new signals.
	cell := func(n int, hidden bool) countCell {
		if hidden {
			return countCell{Hidden: true, Text: l.T("overleg.report.hidden", signaal.MinCell)}
		}
		return countCell{N: n, Text: l.Number(int64(n))}
	}
	trendsOf := func(list []overleg.Trend, label func(string) string) ([]trendRow, [2]countCell) {
		counts := make([][]int, len(list))
		for i, t := range list {
			counts[i] = []int{t.Now, t.Prev}
		}
		var tab signaal.Table
		if o.Suppressed {
			tab = signaal.SuppressTable(counts)
		}
		out := make([]trendRow, len(list))
		var totals [2]countCell
		for i, t := range list {
			row := trendRow{Label: label(t.Key), Now: cell(t.Now, false), Prev: cell(t.Prev, false), Change: signed(l, t.Change())}
			if o.Suppressed {
				row.Now, row.Prev = cell(tab.Cells[i][0].N, tab.Cells[i][0].Hidden), cell(tab.Cells[i][1].N, tab.Cells[i][1].Hidden)
				if row.Now.Hidden || row.Prev.Hidden {
					row.Change = l.T("overleg.report.change_hidden")
				}
			}
			out[i] = row
		}
		if o.Suppressed && len(tab.ColTotals) == 2 {
			totals = [2]countCell{cell(tab.ColTotals[0].N, tab.ColTotals[0].Hidden), cell(tab.ColTotals[1].N, tab.ColTotals[1].Hidden)}
		} else {
			totals = [2]countCell{cell(len(rep.NewSignals), false), cell(rep.PrevNew, false)}
		}
		return out, totals
	}
	var totals [2]countCell
	v.Themes, totals = trendsOf(rep.Themes, func(k string) string { return themeLabel(l, themes, k) })
	v.Buurten, _ = trendsOf(rep.Buurten, func(k string) string { return buurtName[k] })
	v.New, v.PrevNew = totals[0], totals[1]
	if o.Suppressed && len(rep.Themes) == 0 {
		v.New, v.PrevNew = cell(0, false), cell(0, false)
	}
	_, hidden := signaal.Suppress(len(rep.SolvedSignals))
	v.Solved = cell(len(rep.SolvedSignals), o.Suppressed && hidden && len(rep.SolvedSignals) > 0)
	if o.Titles && !o.Suppressed {
		sig := func(s signaal.Signal, at time.Time) reportSignal {
			rs := reportSignal{Title: s.Title, Theme: themeLabel(l, themes, s.Theme), Buurt: buurtName[s.BuurtID], At: at}
			if o.SignalURL != nil {
				rs.URL = o.SignalURL(s.ID)
			}
			return rs
		}
		for _, s := range rep.NewSignals {
			v.NewList = append(v.NewList, sig(s, s.CreatedAt))
		}
		for _, s := range rep.SolvedSignals {
			v.SolvedList = append(v.SolvedList, sig(s, s.SolvedAt))
		}
	}
	return v, nil
}

// signed writes a change with its sign: "+3", "−2", "0".
func signed(l *locale.Localizer, n int) string {
	switch {
	case n > 0:
		return "+" + l.Number(int64(n))
	case n < 0:
		return "−" + l.Number(int64(-n))
	}
	return "0"
}

// reportSuppressed reports whether the actor gets the counts suppressed:
// only when their sole way to the overleg is a partner role of an
// organisation that never took part in one of the series' meetings.
func reportSuppressed(rc *request, parties map[string]bool) bool {
	a := rc.Actor
	if a.User != nil && a.User.IsAdmin {
		return false
	}
	for _, g := range a.Grants {
		if g.WijkID != rc.Wijk.ID {
			continue
		}
		if g.Role == account.RolePartner {
			if parties[g.OrganisationID] {
				return false
			}
			continue
		}
		if (account.Actor{User: a.User, Grants: []account.Grant{g}}).Can(account.PermViewOverleg, rc.Wijk.ID) {
			return false
		}
	}
	return true
}

// reportRequest reads the series and the period of a report URL; the
// period defaults to the current one. It answers itself when ok is false.
func (h *Handler) reportRequest(w http.ResponseWriter, r *http.Request, rc *request) (overleg.Series, overleg.Period, reportOptions, bool) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return sr, overleg.Period{}, reportOptions{}, false
	}
	now := time.Now()
	per := overleg.PeriodOf(sr.ReportEvery, now)
	if q := r.URL.Query().Get("periode"); q != "" {
		var err error
		if per, err = overleg.ParsePeriod(q); err != nil {
			h.renderError(w, r, rc, http.StatusBadRequest, "overleg.error.period.title", "overleg.error.period")
			return sr, per, reportOptions{}, false
		}
	}
	parties, err := h.store.SeriesOrganisations(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return sr, per, reportOptions{}, false
	}
	o := reportOptions{Suppressed: reportSuppressed(rc, parties), Titles: rc.Actor.Can(account.PermViewSignals, rc.Wijk.ID), Own: ownOrgs(rc), Now: now,
		SignalURL:  func(id string) string { return "/w/" + rc.Wijk.Slug + "/signalen/" + id },
		MeetingURL: func(s, m string) string { return meetingURL(rc, s, m) }}
	return sr, per, o, true
}

// overlegReportPage is the report as a web page.
type overlegReportPage struct {
	Page
	R         reportView
	SeriesURL string
	PDFURL    string
	PrevURL   string
	NextURL   string
	PrevLabel string
	NextLabel string

	NoMeetings   *Alert // the series has no meetings at all
	OverdueTable actionTable
	WhoTables    []actionTable // one per organisation
	Trends       []trendTable
	MinCell      int
}

// trendTable is a table of counts this period against the previous one.
type trendTable struct {
	Title   string
	Caption string
	Col     string // the header of the first column
	Rows    []trendRow
}

func (h *Handler) overlegReport(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, per, o, ok := h.reportRequest(w, r, rc)
	if !ok {
		return
	}
	v, err := h.buildReportView(ctx(r), rc.L, sr, per, o)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := overlegReportPage{Page: h.page(r, rc, v.Title), R: v, SeriesURL: seriesURL(rc, sr.ID),
		PDFURL:  seriesURL(rc, sr.ID) + "/rapport.pdf?periode=" + per.String(),
		PrevURL: reportURL(rc, sr.ID, per.Prev().String()), PrevLabel: periodLabel(rc.L, per.Prev()),
		NextURL: reportURL(rc, sr.ID, per.Next().String()), NextLabel: periodLabel(rc.L, per.Next()), MinCell: signaal.MinCell}
	l := rc.L
	if v.NoMeetings {
		a := NewAlert(l, "info", l.T("overleg.report.no_meetings"))
		p.NoMeetings = &a
	}
	p.OverdueTable = newActionTable(p.Page, l.T("overleg.report.overdue.caption"), l.T("overleg.report.overdue.none"), v.Overdue, true)
	for _, g := range v.Who {
		caption := g.Org
		if g.Own {
			caption = l.T("overleg.report.who.own", g.Org)
		}
		t := newActionTable(p.Page, caption, "", g.Actions, true)
		t.IDPrefix = "who-"
		p.WhoTables = append(p.WhoTables, t)
	}
	p.Trends = []trendTable{
		{Title: l.T("overleg.report.themes"), Caption: l.T("overleg.report.themes.caption", v.Period), Col: l.T("overleg.report.col.theme"), Rows: v.Themes},
		{Title: l.T("overleg.report.buurten"), Caption: l.T("overleg.report.buurten.caption", v.Period), Col: l.T("overleg.report.col.buurt"), Rows: v.Buurten},
	}
	h.render(w, r, rc, "overleg_report", p)
}

// overlegReportPDF is the report as a PDF, for print and archive.
func (h *Handler) overlegReportPDF(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, per, o, ok := h.reportRequest(w, r, rc)
	if !ok {
		return
	}
	v, err := h.buildReportView(ctx(r), rc.L, sr, per, o)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	b, err := reportPDF(rc.L, v)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	name := fmt.Sprintf("rapport-%s-%s.pdf", rc.Wijk.Slug, per.String())
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// reportPDF writes the report as a PDF document.
func reportPDF(l *locale.Localizer, v reportView) ([]byte, error) {
	d := pdf.New(v.Title, l.Lang())
	d.Heading(1, v.Title)
	for _, p := range reportIntro(l, v) {
		d.Para(p)
	}
	d.Heading(2, l.T("overleg.report.decisions"))
	if len(v.Decisions) == 0 {
		d.Para(l.T("overleg.report.decisions.none"))
	} else {
		rows := make([][]string, 0, len(v.Decisions))
		for _, dr := range v.Decisions {
			rows = append(rows, []string{l.Date(dr.Date), or(dr.Item, "–"), dr.Text})
		}
		d.Table([]string{l.T("overleg.report.col.meeting"), l.T("overleg.report.col.item"), l.T("overleg.report.col.decision")}, rows)
	}
	d.Heading(2, l.T("overleg.report.overdue"))
	if len(v.Overdue) == 0 {
		d.Para(l.T("overleg.report.overdue.none"))
	} else {
		d.Table(actionHeader(l), actionCells(l, v.Overdue))
	}
	d.Heading(2, l.T("overleg.report.who"))
	if len(v.Who) == 0 {
		d.Para(l.T("overleg.report.who.none"))
	}
	for _, g := range v.Who {
		d.Heading(3, g.Org)
		d.Table(actionHeader(l), actionCells(l, g.Actions))
	}
	d.Heading(2, l.T("overleg.report.signals"))
	d.Para(reportSignalSummary(l, v))
	for _, t := range []struct {
		title string
		rows  []trendRow
		col   string
	}{{l.T("overleg.report.themes"), v.Themes, l.T("overleg.report.col.theme")}, {l.T("overleg.report.buurten"), v.Buurten, l.T("overleg.report.col.buurt")}} {
		d.Heading(3, t.title)
		if len(t.rows) == 0 {
			d.Para(l.T("overleg.report.signals.none"))
			continue
		}
		rows := make([][]string, 0, len(t.rows))
		for _, tr := range t.rows {
			rows = append(rows, []string{tr.Label, tr.Now.Text, tr.Prev.Text, tr.Change})
		}
		d.Table([]string{t.col, l.T("overleg.report.col.now"), l.T("overleg.report.col.prev"), l.T("overleg.report.col.change")}, rows)
	}
	if len(v.NewList) > 0 {
		d.Heading(3, l.T("overleg.report.new_list"))
		rows := make([][]string, 0, len(v.NewList))
		for _, s := range v.NewList {
			rows = append(rows, []string{l.Date(s.At), s.Title, s.Theme, s.Buurt})
		}
		d.Table([]string{l.T("overleg.report.col.date"), l.T("overleg.report.col.signal"), l.T("overleg.report.col.theme"), l.T("overleg.report.col.buurt")}, rows)
	}
	if v.Suppressed {
		d.Note(l.T("overleg.report.suppressed", signaal.MinCell))
	}
	d.Note(l.T("overleg.report.as_of", l.DateTime(v.AsOf)))
	return d.Bytes()
}

// reportIntro are the first paragraphs: the meetings of the period, or
// that there were none, and the next meeting.
func reportIntro(l *locale.Localizer, v reportView) []string {
	var out []string
	switch {
	case v.NoMeetings:
		out = append(out, l.T("overleg.report.no_meetings"))
	case len(v.Meetings) == 0:
		out = append(out, l.T("overleg.report.no_meetings_in_period"))
	default:
		var dates []string
		for _, m := range v.Meetings {
			dates = append(dates, l.Date(m.StartsAt))
		}
		out = append(out, l.T("overleg.report.meetings", strings.Join(dates, ", ")))
	}
	if v.Next != nil {
		out = append(out, l.T("overleg.report.next", l.DateTime(v.Next.StartsAt), or(v.Next.Place, "–")))
	}
	if v.Running {
		out = append(out, l.T("overleg.report.running"))
	}
	return out
}

// reportSignalSummary is the sentence about the signals of the period.
func reportSignalSummary(l *locale.Localizer, v reportView) string {
	return l.T("overleg.report.signals.summary", v.New.Text, v.Solved.Text, v.PrevNew.Text)
}

func actionHeader(l *locale.Localizer) []string {
	return []string{l.T("overleg.action.col.what"), l.T("overleg.action.col.who"), l.T("overleg.action.col.due"), l.T("overleg.action.col.status")}
}

// actionCells are the rows of actions in a PDF table or an e-mail.
func actionCells(l *locale.Localizer, rows []actionRow) [][]string {
	out := make([][]string, 0, len(rows))
	for _, a := range rows {
		out = append(out, []string{a.What, actionWho(l, a), l.Date(a.Due), actionState(l, a)})
	}
	return out
}

// actionWho is "Woonstichting Akkerland (Sandra de Wit), met Welzijn Lindenwaard".
func actionWho(l *locale.Localizer, a actionRow) string {
	s := a.Org
	if a.Person != "" {
		s += " (" + a.Person + ")"
	}
	if a.With != "" {
		s += ", " + l.T("overleg.action.with", a.With)
	}
	return s
}

// actionState is the status at the report's moment: "te laat" for an
// overdue action, "open" for one that was open then (even if it is done
// by now), else its status.
func actionState(l *locale.Localizer, a actionRow) string {
	switch {
	case a.Overdue:
		return l.T("overleg.action.overdue_status")
	case a.Open:
		return l.T("overleg.action.status.open")
	}
	return a.Status
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
