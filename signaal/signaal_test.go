package signaal

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
)

func TestFindOverlaps(t *testing.T) {
	t.Parallel()
	e := func(org, theme, buurt string) RegisterEntry {
		return RegisterEntry{OrganisationID: org, Theme: theme, BuurtID: buurt}
	}
	for _, tc := range []struct {
		name      string
		entries   []RegisterEntry
		connected []OrgPair
		want      []Overlap
	}{
		{"one organisation", []RegisterEntry{e("a", "groen", "n")}, nil, nil},
		{"two in a buurt", []RegisterEntry{e("b", "groen", "n"), e("a", "groen", "n"), e("c", "groen", "z")}, nil,
			[]Overlap{{Theme: "groen", BuurtID: "n", OrganisationIDs: []string{"a", "b"}}}},
		{"other themes do not overlap", []RegisterEntry{e("a", "groen", "n"), e("b", "afval", "n")}, nil, nil},
		{"connected pair is left out", []RegisterEntry{e("a", "groen", "n"), e("b", "groen", "n")}, []OrgPair{Pair("b", "a")}, nil},
		{"whole wijk meets a buurt", []RegisterEntry{e("w", "wonen", ""), e("a", "wonen", "n"), e("b", "wonen", "z")}, nil,
			[]Overlap{{Theme: "wonen", BuurtID: "n", OrganisationIDs: []string{"a", "w"}}, {Theme: "wonen", BuurtID: "z", OrganisationIDs: []string{"b", "w"}}}},
		{"two whole-wijk organisations once", []RegisterEntry{e("v", "wonen", ""), e("w", "wonen", ""), e("a", "wonen", "n")}, []OrgPair{Pair("a", "v"), Pair("a", "w")},
			[]Overlap{{Theme: "wonen", OrganisationIDs: []string{"v", "w"}}}},
		{"the connected one of three is left out", []RegisterEntry{e("a", "groen", "n"), e("b", "groen", "n"), e("c", "groen", "n")}, []OrgPair{Pair("a", "b"), Pair("a", "c")},
			[]Overlap{{Theme: "groen", BuurtID: "n", OrganisationIDs: []string{"b", "c"}}}},
		{"same organisation twice", []RegisterEntry{e("a", "groen", "n"), e("a", "groen", "")}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := map[OrgPair]bool{}
			for _, p := range tc.connected {
				conn[p] = true
			}
			if diff := cmp.Diff(tc.want, FindOverlaps(tc.entries, conn)); diff != "" {
				t.Errorf("FindOverlaps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPair(t *testing.T) {
	t.Parallel()
	if p := Pair("b", "a"); p != (OrgPair{A: "a", B: "b"}) || Pair("a", "b") != p {
		t.Errorf("Pair=%+v", p)
	}
}

func TestNormalizePostcode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"1234 ab": "1234AB", " 1234AB ": "1234AB", "1234 A B": "1234AB", "0123AB": "", "1234A": "", "12345B": "", "ABCDEF": "", "": ""} {
		if got := NormalizePostcode(in); got != want {
			t.Errorf("NormalizePostcode(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestThemeKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Verkeer & parkeren": "verkeer_parkeren", "Ontmoeting café": "ontmoeting_cafe", "  --  ": "", "Zorg 2.0": "zorg_2_0"} {
		if got := ThemeKey(in); got != want {
			t.Errorf("ThemeKey(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestCanMove(t *testing.T) {
	t.Parallel()
	allowed := map[[2]string]bool{
		{StatusNew, StatusInProgress}: true, {StatusNew, StatusSolved}: true, {StatusNew, StatusRejected}: true,
		{StatusInProgress, StatusSolved}: true, {StatusInProgress, StatusRejected}: true,
		{StatusSolved, StatusInProgress}: true, {StatusRejected, StatusInProgress}: true,
	}
	for _, from := range Statuses {
		for _, to := range append(slices.Clone(Statuses), "other") {
			if got := CanMove(from, to); got != allowed[[2]string{from, to}] {
				t.Errorf("CanMove(%s, %s)=%v", from, to, got)
			}
		}
	}
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var e *wei.Error
	if err == nil {
		return nil
	}
	if !errors.As(err, &e) || e.Code != wei.EINVALID {
		t.Fatalf("err=%v, want EINVALID", err)
	}
	return slices.Sorted(maps.Keys(e.Fields))
}

func TestSignalValidate(t *testing.T) {
	t.Parallel()
	themes := append(DefaultThemes(), Theme{Key: "oud", Label: "Oud", Archived: true})
	ok := Signal{WijkID: "w", Theme: "groen", Source: SourceResident, Title: "Boom omgewaaid"}
	ok.Normalize()
	if err := ok.Validate(themes); err != nil || ok.Urgency != UrgencyNormal || ok.Status != StatusNew {
		t.Fatalf("valid signal: %+v, %v", ok, err)
	}
	bad := Signal{Theme: "oud", Urgency: "heel hoog", Source: SourcePartner, Title: "ab", Postcode: "99", HouseNumber: -1, HasPoint: true, Lon: 200}
	want := []string{"house_number", "organisation_id", "point", "postcode", "status", "theme", "title", "urgency", "wijk_id"}
	if got := fieldsOf(t, bad.Validate(themes)); !slices.Equal(got, want) {
		t.Errorf("fields=%v, want %v", got, want)
	}
}

func TestVisitValidate(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	v := Visit{WijkID: "w", VisitedOn: now, ConsentHow: ConsentVerbal, ConsentBy: "u", ConsentAt: now, RecordedBy: "u",
		Scores: map[string]int{AspectGreen: 4}, Problems: []Problem{{Theme: "afval", Title: "Vuilniszakken naast de container"}},
		WantsToHelp: false, HelpWith: "wordt gewist", InitiativeID: "x"}
	v.Normalize()
	if err := v.Validate(DefaultThemes(), now); err != nil || v.HelpWith != "" || v.InitiativeID != "" || v.Problems[0].Urgency != UrgencyNormal {
		t.Fatalf("valid visit: %+v, %v", v, err)
	}
	v.VisitedOn = now.AddDate(-3, 0, 0)
	v.Scores["smell"] = 3
	v.Scores[AspectSafety] = 0
	v.ConsentHow = ""
	v.WantsToHelp, v.InitiativeID = true, "x"
	want := []string{"consent_how", "initiative_id", "score_safety", "score_smell", "visited_on"}
	if got := fieldsOf(t, v.Validate(DefaultThemes(), now)); !slices.Equal(got, want) {
		t.Errorf("fields=%v, want %v", got, want)
	}
}

func TestValidateRetention(t *testing.T) {
	t.Parallel()
	if err := ValidateRetention(maps.Clone(DefaultRetention)); err != nil {
		t.Errorf("defaults: %v", err)
	}
	d := maps.Clone(DefaultRetention)
	d[RetainVisitNotes], d["other"] = 6, 30
	if got := fieldsOf(t, ValidateRetention(d)); !slices.Equal(got, []string{"other", RetainVisitNotes}) {
		t.Errorf("fields=%v", got)
	}
}
