package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// signalWijk is a wijk with two buurten of known CBS codes, a buurt of
// another wijk, and the CBS postcode table for three addresses: one in
// each buurt of the wijk and one in the other wijk.
type signalWijk struct {
	w, other              wijk.Wijk
	noord, zuid, elders   wijk.Buurt
	reporter, coordinator string
}

const signalPostcodes = "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n" +
	"1234AB;5;BU03630101;WK036301;GM0363\n" +
	"1234AB;7;BU03630102;WK036301;GM0363\n" +
	"9999ZZ;1;BU03639901;WK036399;GM0363\n"

func newSignalWijk(t *testing.T, s *store.Store, slug string) signalWijk {
	t.Helper()
	sw := signalWijk{w: mustWijk(t, s, slug, "Wijk "+slug), other: mustWijk(t, s, slug+"-ander", "Andere wijk")}
	mk := func(wijkID, name, code string) wijk.Buurt {
		b := wijk.Buurt{WijkID: wijkID, Name: name, CBSCode: code, CBSYear: 2024}
		if err := s.CreateBuurt(t.Context(), &b); err != nil {
			t.Fatalf("CreateBuurt(%s): %v", name, err)
		}
		return b
	}
	sw.noord = mk(sw.w.ID, "Noord", "BU03630101")
	sw.zuid = mk(sw.w.ID, "Zuid", "BU03630102")
	sw.elders = mk(sw.other.ID, "Elders", "BU03639901")
	if _, err := s.ImportCBSPostcodes(t.Context(), "pc6hnr20240801_gwb.csv", strings.NewReader(signalPostcodes), 2024); err != nil {
		t.Fatalf("ImportCBSPostcodes: %v", err)
	}
	sw.reporter = mustUser(t, s, slug+"-bewoner@example.org", "Bewoner").ID
	sw.coordinator = mustUser(t, s, slug+"-coord@example.org", "Coördinator").ID
	return sw
}

func (sw signalWijk) signal(title, theme string) signaal.Signal {
	return signaal.Signal{WijkID: sw.w.ID, BuurtID: sw.noord.ID, Theme: theme, Source: signaal.SourceResident, Title: title, CreatedBy: sw.coordinator}
}

func mustSignal(t testing.TB, s *store.Store, sg signaal.Signal) signaal.Signal {
	t.Helper()
	if err := s.CreateSignal(t.Context(), &sg); err != nil {
		t.Fatalf("CreateSignal(%s): %v", sg.Title, err)
	}
	return sg
}

func ids(list []signaal.Signal) []string {
	var out []string
	for _, sg := range list {
		out = append(out, sg.Title)
	}
	return out
}

// TestSignalContract checks the functions other modules use: the half-open
// time range, open signals, counts per buurt, and that none of them hands
// out personal data.
func TestSignalContract(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		sw := newSignalWijk(t, s, "contract")
		from := clk.Now()
		a := sw.signal("Losliggende stoeptegels", "veiligheid")
		a.Note, a.ReporterContact, a.Postcode, a.HouseNumber = "Mevrouw valt bijna elke dag", "06-12345678", "1234 ab", 5
		a = mustSignal(t, s, a)
		if a.BuurtID != sw.noord.ID || a.Postcode != "1234AB" || a.Status != signaal.StatusNew || !a.CreatedAt.Equal(from.Truncate(time.Millisecond)) {
			t.Errorf("created signal=%+v", a)
		}
		clk.Add(time.Hour)
		b := sw.signal("Zwerfvuil bij de speeltuin", "afval")
		b.BuurtID = sw.zuid.ID
		b = mustSignal(t, s, b)
		clk.Add(time.Hour)
		to := clk.Now()
		c := mustSignal(t, s, sw.signal("Bankje kapot", "ontmoetingsplek"))
		mustSignal(t, s, signaal.Signal{WijkID: sw.other.ID, BuurtID: sw.elders.ID, Theme: "groen", Source: signaal.SourceResident, Title: "Andere wijk"})

		got, err := s.SignalsBetween(t.Context(), sw.w.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if titles := strings.Join(ids(got), "|"); titles != "Losliggende stoeptegels|Zwerfvuil bij de speeltuin" {
			t.Errorf("SignalsBetween=%s, want the two signals before to (half-open), oldest first", titles)
		}
		for _, sg := range got {
			if sg.Note != "" || sg.ReporterContact != "" || sg.Postcode != "" || sg.HouseNumber != 0 {
				t.Errorf("SignalsBetween hands out personal data: %+v", sg)
			}
		}
		if _, err := s.MoveSignal(t.Context(), sw.w.ID, b.ID, signaal.StatusNew, signaal.StatusSolved, "", sw.coordinator); err != nil {
			t.Fatal(err)
		}
		open, err := s.OpenSignals(t.Context(), sw.w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if titles := strings.Join(ids(open), "|"); titles != "Losliggende stoeptegels|Bankje kapot" {
			t.Errorf("OpenSignals=%s", titles)
		}
		counts, err := s.SignalCountsByBuurt(t.Context(), sw.w.ID, from, to.Add(time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != 2 || counts[sw.noord.ID] != 2 || counts[sw.zuid.ID] != 1 {
			t.Errorf("SignalCountsByBuurt=%v, want noord 2, zuid 1", counts)
		}

		// Only SignalPrivate gives the personal data, and it audits that.
		plain, err := s.Signal(t.Context(), a.ID)
		if err != nil || plain.Note != "" || plain.ReporterContact != "" {
			t.Errorf("Signal=%+v, %v: want no personal data", plain, err)
		}
		priv, err := s.SignalPrivate(t.Context(), a.ID, privacy.AuditEntry{ActorID: sw.coordinator, RequestID: "req-1"})
		if err != nil || priv.Note != "Mevrouw valt bijna elke dag" || priv.ReporterContact != "06-12345678" || priv.Postcode != "1234AB" || priv.HouseNumber != 5 {
			t.Errorf("SignalPrivate=%+v, %v", priv, err)
		}
		log, err := s.AuditAbout(t.Context(), []string{a.ID}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 2 || log[0].Action != privacy.ActionRead || log[0].ActorID != sw.coordinator || log[0].WijkID != sw.w.ID || log[1].Action != privacy.ActionCreate {
			t.Errorf("audit about the signal=%+v, want create then read", log)
		}
		// A signal without personal data writes no audit entry.
		if log, _ := s.AuditAbout(t.Context(), []string{c.ID}, 10); len(log) != 0 {
			t.Errorf("audit about a signal without personal data=%+v", log)
		}
		if _, err := s.SignalPrivate(t.Context(), "no-such-signal", privacy.AuditEntry{}); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("SignalPrivate(unknown)=%v, want not found", err)
		}
	})
}

// TestSignalLocation: an address finds its buurt through the CBS table; an
// unknown address, an address in another wijk, a buurt of another wijk and
// no location at all are refused, and nothing is saved.
func TestSignalLocation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		sw := newSignalWijk(t, s, "locatie")
		sg := sw.signal("Kapotte lantaarnpaal", "veiligheid")
		sg.BuurtID, sg.Postcode, sg.HouseNumber = "", "1234ab", 7
		if err := s.CreateSignal(t.Context(), &sg); err != nil {
			t.Fatal(err)
		}
		if sg.BuurtID != sw.zuid.ID {
			t.Errorf("BuurtID=%s, want zuid %s (from the address)", sg.BuurtID, sw.zuid.ID)
		}
		// The address wins over a chosen buurt.
		sg2 := sw.signal("Kapotte lantaarnpaal", "veiligheid")
		sg2.Postcode, sg2.HouseNumber = "1234 AB", 7
		if err := s.CreateSignal(t.Context(), &sg2); err != nil || sg2.BuurtID != sw.zuid.ID {
			t.Errorf("address and buurt: BuurtID=%s err=%v, want zuid", sg2.BuurtID, err)
		}
		for _, tc := range []struct {
			name     string
			edit     func(*signaal.Signal)
			fields   []string
			fieldKey string
		}{
			{"unknown address", func(s *signaal.Signal) { s.Postcode, s.HouseNumber = "1234AB", 99 }, []string{"postcode"}, "signals.error.address_unknown"},
			{"address in another wijk", func(s *signaal.Signal) { s.Postcode, s.HouseNumber = "9999ZZ", 1 }, []string{"postcode"}, "signals.error.address_outside"},
			{"not a postcode", func(s *signaal.Signal) { s.Postcode, s.HouseNumber = "12345", 1 }, []string{"postcode"}, "signals.error.postcode"},
			{"postcode without number", func(s *signaal.Signal) { s.Postcode = "1234AB" }, []string{"house_number"}, "signals.error.house_number"},
			{"buurt of another wijk", func(s *signaal.Signal) { s.BuurtID = sw.elders.ID }, []string{"buurt_id"}, "signals.error.buurt"},
			{"no location", func(s *signaal.Signal) { s.BuurtID = "" }, []string{"buurt_id"}, "signals.error.location"},
			{"archived or unknown theme", func(s *signaal.Signal) { s.Theme = "verkeer" }, []string{"theme"}, "signals.error.theme"},
			{"short title", func(s *signaal.Signal) { s.Title = " x " }, []string{"title"}, "signals.error.title"},
		} {
			sg := sw.signal("Stoep kapot", "veiligheid")
			tc.edit(&sg)
			err := s.CreateSignal(t.Context(), &sg)
			wantInvalid(t, err, tc.fields...)
			if e := err.(*wei.Error); e.Fields[tc.fields[0]] != tc.fieldKey {
				t.Errorf("%s: field message=%q, want %q", tc.name, e.Fields[tc.fields[0]], tc.fieldKey)
			}
		}
		all, err := s.Signals(t.Context(), sw.w.ID, store.SignalFilter{})
		if err != nil || len(all) != 2 {
			t.Errorf("after refused signals: %d signals (%v), want 2", len(all), err)
		}
	})
}

// TestSignalStatusAndGroups walks a signal through its statuses, refuses a
// move from a stale status and a rejection without reason, and groups and
// ungroups signals.
func TestSignalStatusAndGroups(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		sw := newSignalWijk(t, s, "status")
		a := mustSignal(t, s, sw.signal("Eenzame buurman", "eenzaamheid"))
		clk.Add(time.Minute)
		moved, err := s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusNew, signaal.StatusInProgress, "", sw.coordinator)
		if err != nil || moved.Status != signaal.StatusInProgress || !moved.SolvedAt.IsZero() {
			t.Fatalf("MoveSignal to in progress=%+v, %v", moved, err)
		}
		// A second person who still sees "new" gets a conflict.
		_, err = s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusNew, signaal.StatusSolved, "", sw.reporter)
		wantCode(t, err, wei.ECONFLICT)
		_, err = s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusInProgress, signaal.StatusRejected, " ", sw.coordinator)
		wantInvalid(t, err, "reason")
		_, err = s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusInProgress, signaal.StatusNew, "", sw.coordinator)
		wantInvalid(t, err, "status")
		_, err = s.MoveSignal(t.Context(), sw.other.ID, a.ID, signaal.StatusInProgress, signaal.StatusSolved, "", sw.coordinator)
		wantCode(t, err, wei.ENOTFOUND)
		clk.Add(time.Minute)
		moved, err = s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusInProgress, signaal.StatusRejected, "Is al opgepakt door de buurtsportcoach", sw.coordinator)
		if err != nil || moved.Status != signaal.StatusRejected || moved.RejectReason != "Is al opgepakt door de buurtsportcoach" || !moved.SolvedAt.Equal(clk.Now().Truncate(time.Millisecond)) {
			t.Fatalf("reject=%+v, %v", moved, err)
		}
		moved, err = s.MoveSignal(t.Context(), sw.w.ID, a.ID, signaal.StatusRejected, signaal.StatusInProgress, "", sw.coordinator)
		if err != nil || !moved.SolvedAt.IsZero() || moved.RejectReason != "" {
			t.Fatalf("reopen=%+v, %v", moved, err)
		}
		events, err := s.SignalEvents(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, e := range events {
			steps = append(steps, e.Kind+":"+e.FromStatus+">"+e.ToStatus)
		}
		if got := strings.Join(steps, " "); got != "created:>new status:new>in_progress status:in_progress>rejected status:rejected>in_progress" {
			t.Errorf("history=%s", got)
		}

		// Grouping: b joins a, c joins b's group (a's), a leaves: the group
		// is renamed after b; b leaves: c is alone and no longer grouped.
		b := mustSignal(t, s, sw.signal("Niemand komt bij mevrouw", "eenzaamheid"))
		c := mustSignal(t, s, sw.signal("Buurvrouw alleen", "eenzaamheid"))
		if err := s.GroupSignals(t.Context(), sw.w.ID, b.ID, a.ID, sw.coordinator); err != nil {
			t.Fatal(err)
		}
		if err := s.GroupSignals(t.Context(), sw.w.ID, c.ID, b.ID, sw.coordinator); err != nil {
			t.Fatal(err)
		}
		group, err := s.SignalGroup(t.Context(), a.ID)
		if err != nil || strings.Join(ids(group), "|") != "Eenzame buurman|Niemand komt bij mevrouw|Buurvrouw alleen" {
			t.Fatalf("group=%v, %v", ids(group), err)
		}
		wantInvalid(t, s.GroupSignals(t.Context(), sw.w.ID, a.ID, a.ID, sw.coordinator), "with")
		wantInvalid(t, s.GroupSignals(t.Context(), sw.w.ID, a.ID, "no-such-signal", sw.coordinator), "with")
		if err := s.UngroupSignal(t.Context(), sw.w.ID, a.ID, sw.coordinator); err != nil {
			t.Fatal(err)
		}
		group, _ = s.SignalGroup(t.Context(), b.ID)
		if strings.Join(ids(group), "|") != "Niemand komt bij mevrouw|Buurvrouw alleen" {
			t.Errorf("group after the first left=%v, want renamed after b", ids(group))
		}
		if err := s.UngroupSignal(t.Context(), sw.w.ID, b.ID, sw.coordinator); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{a.ID, b.ID, c.ID} {
			if sg, _ := s.Signal(t.Context(), id); sg.GroupID != "" {
				t.Errorf("%s still in group %s", sg.Title, sg.GroupID)
			}
		}
	})
}

// TestThemes: a wijk starts with the default themes, may add, rename and
// archive, and cannot leave out a theme that is used.
func TestThemes(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		sw := newSignalWijk(t, s, "themas")
		th, err := s.Themes(t.Context(), sw.w.ID)
		if err != nil || len(th) != 12 || th[0].Key != "armoede" || th[11].Key != "overig" {
			t.Fatalf("default themes=%v, %v", th, err)
		}
		mustSignal(t, s, sw.signal("Te hard rijden", "veiligheid"))
		th = append(th, signaal.Theme{Key: signaal.ThemeKey("Verkeer & parkeren"), Label: "Verkeer & parkeren"})
		th[0].Archived = true
		if err := s.SetThemes(t.Context(), sw.w.ID, th); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Themes(t.Context(), sw.w.ID)
		if len(got) != 13 || got[12].Key != "verkeer_parkeren" || !got[0].Archived {
			t.Errorf("themes after edit=%v", got)
		}
		// An archived theme is not offered for new signals.
		sg := sw.signal("Schulden", "armoede")
		wantInvalid(t, s.CreateSignal(t.Context(), &sg), "theme")
		mustSignal(t, s, sw.signal("Fout geparkeerd", "verkeer_parkeren"))
		// Leaving out a used theme is refused; an unused one may go.
		var without []signaal.Theme
		for _, x := range got {
			if x.Key != "veiligheid" && x.Key != "energie" {
				without = append(without, x)
			}
		}
		wantInvalid(t, s.SetThemes(t.Context(), sw.w.ID, without), "themes")
		without = append(without, signaal.Theme{Key: "veiligheid"})
		if err := s.SetThemes(t.Context(), sw.w.ID, without); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.SetThemes(t.Context(), sw.w.ID, []signaal.Theme{{Key: "nieuw"}}), "label")
		// The other wijk still has the defaults.
		if o, _ := s.Themes(t.Context(), sw.other.ID); len(o) != 12 {
			t.Errorf("other wijk has %d themes, want the 12 defaults", len(o))
		}
	})
}
