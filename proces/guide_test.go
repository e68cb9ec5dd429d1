package proces

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei/wijk"
)

var guideLangs = []string{"nl", "en"}

func TestDefaultGuides(t *testing.T) {
	t.Parallel()
	for _, lang := range guideLangs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			guides := DefaultGuides(lang)
			if len(guides) != len(Phases) {
				t.Fatalf("len(DefaultGuides)=%d, want %d", len(guides), len(Phases))
			}
			for i, g := range guides {
				if g.Phase != Phases[i] {
					t.Errorf("guide %d Phase=%v, want %v", i, g.Phase, Phases[i])
				}
				for name, s := range map[string]string{"Title": g.Title, "What": g.What, "Result": g.Result, "PMRole": g.PMRole, "NextStep": g.NextStep} {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s %s is empty", g.Phase, name)
					}
				}
				if len(g.Methods) == 0 {
					t.Errorf("%s has no methods", g.Phase)
				}
				for j, m := range g.Methods {
					if strings.TrimSpace(m) == "" || strings.Contains(m, "\n") {
						t.Errorf("%s method %d=%q, want one non-empty line", g.Phase, j, m)
					}
				}
				if len(g.Forms) == 0 {
					t.Errorf("%s has no forms", g.Phase)
				}
				for _, f := range g.Forms {
					if !slices.Contains(wijk.Forms, f) {
						t.Errorf("%s form %q is not a wijk form", g.Phase, f)
					}
				}
				if len(g.Partners) != len(wijk.Domains) {
					t.Fatalf("%s len(Partners)=%d, want %d", g.Phase, len(g.Partners), len(wijk.Domains))
				}
				for j, p := range g.Partners {
					if p.Domain != wijk.Domains[j] {
						t.Errorf("%s partner %d Domain=%v, want %v", g.Phase, j, p.Domain, wijk.Domains[j])
					}
					if strings.TrimSpace(p.Contributes) == "" || strings.TrimSpace(p.Wins) == "" {
						t.Errorf("%s partner %s: Contributes=%q Wins=%q, want both", g.Phase, p.Domain, p.Contributes, p.Wins)
					}
				}
			}
		})
	}
	// The languages line up: same number of methods per phase, same forms.
	nl, en := DefaultGuides("nl"), DefaultGuides("en")
	for i := range nl {
		if len(nl[i].Methods) != len(en[i].Methods) {
			t.Errorf("%s methods nl=%d en=%d, want equal", nl[i].Phase, len(nl[i].Methods), len(en[i].Methods))
		}
		if diff := cmp.Diff(nl[i].Forms, en[i].Forms); diff != "" {
			t.Errorf("%s forms differ between nl and en (-nl +en):\n%s", nl[i].Phase, diff)
		}
		if nl[i].What == en[i].What {
			t.Errorf("%s What is the same in nl and en", nl[i].Phase)
		}
	}
}

func TestGuideLanguage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang, title string
	}{
		{"nl", "Informatiefase"},
		{"", "Informatiefase"},
		{"fr", "Informatiefase"},
		{"en", "Information phase"},
		{"en-GB", "Information phase"},
		{" EN ", "Information phase"},
	} {
		if g := DefaultGuides(tc.lang)[0]; g.Title != tc.title {
			t.Errorf("DefaultGuides(%q)[0].Title=%q, want %q", tc.lang, g.Title, tc.title)
		}
	}
}

func TestGuideFor(t *testing.T) {
	t.Parallel()
	for _, lang := range guideLangs {
		all := DefaultGuides(lang)
		for i, p := range Phases {
			g, ok := GuideFor(lang, p)
			if !ok {
				t.Fatalf("GuideFor(%q, %v) ok=false, want true", lang, p)
			}
			if diff := cmp.Diff(all[i], g); diff != "" {
				t.Errorf("GuideFor(%q, %v) differs from DefaultGuides (-want +got):\n%s", lang, p, diff)
			}
		}
	}
	for _, p := range []Phase{PhaseEnded, "", "onbekend"} {
		if _, ok := GuideFor("nl", p); ok {
			t.Errorf("GuideFor(nl, %q) ok=true, want false", p)
		}
	}
}

func TestGuideFreshCopies(t *testing.T) {
	t.Parallel()
	g := DefaultGuides("nl")[0]
	g.Methods[0] = "veranderd"
	g.Partners[0].Wins = "veranderd"
	g.Forms[0] = wijk.FormPartner
	again := DefaultGuides("nl")[0]
	if again.Methods[0] == "veranderd" || again.Partners[0].Wins == "veranderd" || again.Forms[0] == wijk.FormPartner {
		t.Fatalf("changing a returned guide changed the defaults: %+v", again)
	}
}

func TestFormTraits(t *testing.T) {
	t.Parallel()
	for _, lang := range guideLangs {
		traits := FormTraits(lang)
		if len(traits) != len(wijk.Forms) {
			t.Fatalf("%s len(FormTraits)=%d, want %d", lang, len(traits), len(wijk.Forms))
		}
		for i, ft := range traits {
			if ft.Form != wijk.Forms[i] {
				t.Errorf("%s FormTraits[%d].Form=%v, want %v", lang, i, ft.Form, wijk.Forms[i])
			}
			if strings.TrimSpace(ft.Name) == "" || strings.TrimSpace(ft.Traits) == "" {
				t.Errorf("%s %s: Name=%q Traits=%q, want both", lang, ft.Form, ft.Name, ft.Traits)
			}
		}
	}
}

func TestDefaultCriteria(t *testing.T) {
	t.Parallel()
	required := []struct {
		phase Phase
		nl    string
	}{
		{PhaseInformatie, "Een groep bewoners wil uit eigen motivatie meedoen."},
		{PhaseOntstaan, "Het initiatief is ingebed in een gemeenschap in de wijk."},
		{PhaseOntwikkel, "Het initiatief werkt als zelfstandige organisatie: eigen bestuur, eigen begroting en eigen exploitatie."},
	}
	nl := DefaultCriteria("nl")
	for _, r := range required {
		i := slices.IndexFunc(nl, func(c Criterion) bool { return c.Text == r.nl })
		if i < 0 {
			t.Errorf("criterion %q is missing", r.nl)
			continue
		}
		if nl[i].Phase != r.phase || !nl[i].Required {
			t.Errorf("criterion %q Phase=%v Required=%v, want %v true", r.nl, nl[i].Phase, nl[i].Required, r.phase)
		}
	}

	perPhase := func(cs []Criterion) map[Phase][]Criterion {
		m := map[Phase][]Criterion{}
		for _, c := range cs {
			m[c.Phase] = append(m[c.Phase], c)
		}
		return m
	}
	en := DefaultCriteria("en")
	nlBy, enBy := perPhase(nl), perPhase(en)
	for _, by := range []map[Phase][]Criterion{nlBy, enBy} {
		if len(by[PhaseAutonoom]) != 0 || len(by[PhaseEnded]) != 0 {
			t.Errorf("criteria for autonoom or ended: %v %v, want none", by[PhaseAutonoom], by[PhaseEnded])
		}
		for _, p := range []Phase{PhaseInformatie, PhaseOntstaan, PhaseOntwikkel} {
			cs := by[p]
			if len(cs) < 2 || len(cs) > 4 {
				t.Errorf("%s has %d criteria, want 2 to 4", p, len(cs))
			}
			slices.SortFunc(cs, func(a, b Criterion) int { return a.Position - b.Position })
			nreq := 0
			for i, c := range cs {
				if c.Position != i+1 {
					t.Errorf("%s positions=%v, want 1..%d without gaps", p, positions(cs), len(cs))
					break
				}
				if strings.TrimSpace(c.Text) == "" {
					t.Errorf("%s criterion %d has no text", p, c.Position)
				}
				if c.Required {
					nreq++
				}
			}
			if nreq == 0 {
				t.Errorf("%s has no required criterion", p)
			}
		}
	}
	for _, p := range Phases {
		a, b := nlBy[p], enBy[p]
		if len(a) != len(b) {
			t.Errorf("%s nl has %d criteria, en %d, want equal", p, len(a), len(b))
			continue
		}
		for i := range a {
			if a[i].Required != b[i].Required || a[i].Position != b[i].Position {
				t.Errorf("%s criterion %d: nl Required=%v Position=%d, en Required=%v Position=%d", p, i, a[i].Required, a[i].Position, b[i].Required, b[i].Position)
			}
			if a[i].Text == b[i].Text {
				t.Errorf("%s criterion %d has the same text in nl and en: %q", p, i, a[i].Text)
			}
		}
	}
}

func positions(cs []Criterion) []int {
	var out []int
	for _, c := range cs {
		out = append(out, c.Position)
	}
	return out
}

// flatten lists every editable field of a guide by its override key. It is
// written out here, apart from With and Value, so it checks them.
func flatten(g Guide) map[string]string {
	m := map[string]string{
		"title":     g.Title,
		"what":      g.What,
		"result":    g.Result,
		"methods":   strings.Join(g.Methods, "\n"),
		"pm_role":   g.PMRole,
		"next_step": g.NextStep,
	}
	for _, p := range g.Partners {
		m["partner."+string(p.Domain)+".contributes"] = p.Contributes
		m["partner."+string(p.Domain)+".wins"] = p.Wins
	}
	return m
}

func TestGuideWith(t *testing.T) {
	t.Parallel()
	g, _ := GuideFor("nl", PhaseOntwikkel)
	orig := flatten(g)

	got := g.With(map[string]string{
		"title":                           "Groeifase",
		"methods":                         "Wekelijkse reflectie\r\n\n  Training budgetteren  \nCoaching\n",
		"partner.woningcorporatie.wins":   "Minder overlast in de Vogelbuurt.",
		"partner.onderwijs_wetenschap.xx": "onbekend veld",
		"partner.bestaatniet.wins":        "onbekend domein",
		"partner":                         "onbekend",
		"kleur":                           "onbekend",
		"what":                            "",
		"result":                          "   ",
	})
	want := flatten(g)
	want["title"] = "Groeifase"
	want["methods"] = "Wekelijkse reflectie\nTraining budgetteren\nCoaching"
	want["partner.woningcorporatie.wins"] = "Minder overlast in de Vogelbuurt."
	if diff := cmp.Diff(want, flatten(got)); diff != "" {
		t.Errorf("With (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Wekelijkse reflectie", "Training budgetteren", "Coaching"}, got.Methods); diff != "" {
		t.Errorf("Methods (-want +got):\n%s", diff)
	}
	if got.Phase != g.Phase || !slices.Equal(got.Forms, g.Forms) {
		t.Errorf("With changed Phase or Forms: %v %v", got.Phase, got.Forms)
	}
	if diff := cmp.Diff(orig, flatten(g)); diff != "" {
		t.Errorf("With changed the receiver (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(g, g.With(nil)); diff != "" {
		t.Errorf("With(nil) changed the guide:\n%s", diff)
	}
	if diff := cmp.Diff(g, g.With(map[string]string{"methods": "\n \n"})); diff != "" {
		t.Errorf("With(blank methods) changed the guide:\n%s", diff)
	}
}

func TestGuideFieldKeys(t *testing.T) {
	t.Parallel()
	keys := GuideFieldKeys()
	g, _ := GuideFor("en", PhaseInformatie)
	flat := flatten(g)

	// Every editable field has a key, and every key is unique.
	var want []string
	for k := range flat {
		want = append(want, k)
	}
	slices.Sort(want)
	sorted := slices.Sorted(slices.Values(keys))
	if diff := cmp.Diff(want, sorted); diff != "" {
		t.Errorf("GuideFieldKeys does not match the editable fields (-want +got):\n%s", diff)
	}
	for _, d := range wijk.Domains {
		for _, f := range []string{"contributes", "wins"} {
			if k := PartnerKey(d, f); !slices.Contains(keys, k) {
				t.Errorf("GuideFieldKeys lacks %q", k)
			}
		}
	}

	// Round trip: each key changes exactly its own field, and Value reads it back.
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			v := "Nieuwe tekst voor " + k
			got := g.With(map[string]string{k: v})
			want := flatten(g)
			want[k] = v
			if diff := cmp.Diff(want, flatten(got)); diff != "" {
				t.Errorf("With(%s) (-want +got):\n%s", k, diff)
			}
			if read, ok := got.Value(k); !ok || read != v {
				t.Errorf("Value(%s)=%q, %v, want %q, true", k, read, ok, v)
			}
			if read, ok := g.Value(k); !ok || read != flat[k] {
				t.Errorf("Value(%s) of the default=%q, %v, want %q, true", k, read, ok, flat[k])
			}
		})
	}
	if _, ok := g.Value("kleur"); ok {
		t.Errorf("Value(kleur) ok=true, want false")
	}
}

// allDutch returns every Dutch default text with a label for messages.
func allDutch() map[string]string {
	m := map[string]string{}
	for _, g := range DefaultGuides("nl") {
		for k, v := range flatten(g) {
			m[string(g.Phase)+"."+k] = v
		}
	}
	for _, ft := range FormTraits("nl") {
		m["form."+string(ft.Form)+".name"] = ft.Name
		m["form."+string(ft.Form)+".traits"] = ft.Traits
	}
	for _, c := range DefaultCriteria("nl") {
		m["criterion."+string(c.Phase)+"."+strconv.Itoa(c.Position)] = c.Text
	}
	return m
}

// TestGuideDutchInformal checks the B1 house style: the reader is "je",
// never the formal "u" or "uw".
func TestGuideDutchInformal(t *testing.T) {
	t.Parallel()
	formal := regexp.MustCompile(`(^|[^\p{L}\p{N}])(u|U|uw|Uw)([^\p{L}\p{N}]|$)`)
	for label, s := range allDutch() {
		if m := formal.FindString(s); m != "" {
			t.Errorf("%s uses the formal address %q: %q", label, strings.TrimSpace(m), s)
		}
	}
}

// TestGuideDutchShortSentences keeps Dutch sentences short, as B1 asks.
func TestGuideDutchShortSentences(t *testing.T) {
	t.Parallel()
	const maxWords = 25
	split := regexp.MustCompile(`[.?!:]\s+|\n`)
	for label, s := range allDutch() {
		for _, sentence := range split.Split(s, -1) {
			if n := len(strings.Fields(sentence)); n > maxWords {
				t.Errorf("%s has a sentence of %d words, want at most %d: %q", label, n, maxWords, sentence)
			}
		}
	}
}
