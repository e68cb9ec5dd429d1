package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Helpers for forms and extra checks that several scenarios use.

// setValue sets the value of a form control, as choosing an option or
// clearing a field does, and tells the page it changed.
func (tb *tab) setValue(sel, v string) error {
	ok, err := eval[bool](tb, `(() => {
		const el = document.querySelector(`+jsString(sel)+`);
		if (!el) return false;
		el.value = `+jsString(v)+`;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return el.value === `+jsString(v)+`;
	})()`)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s on %s: no such control, or it has no option %q", sel, tb.location(), v)
	}
	return nil
}

// value returns the value of a form control.
func (tb *tab) value(sel string) string {
	v, _ := eval[string](tb, "document.querySelector("+jsString(sel)+")?.value ?? ''")
	return v
}

// selectOption chooses the option with the visible label in the select.
func (tb *tab) selectOption(sel, label string) error {
	v, err := eval[*string](tb, `(() => {
		const o = [...(document.querySelector(`+jsString(sel)+`)?.options ?? [])].find(o => o.textContent.trim() === `+jsString(label)+`);
		return o ? o.value : null;
	})()`)
	if err != nil {
		return err
	}
	if v == nil {
		opts, _ := eval[[]string](tb, `[...(document.querySelector(`+jsString(sel)+`)?.options ?? [])].map(o => o.textContent.trim())`)
		return fmt.Errorf("%s on %s has no option %q; it offers %q", sel, tb.location(), label, opts)
	}
	return tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), *v))
	})
}

// submitForm returns the load func of a check that fills the form's controls
// (text by typing, selects by the option's label, dates by value) and
// presses its button.
func (tb *tab) submitForm(form string, texts, selects, dates map[string]string) func() (loaded, error) {
	return func() (loaded, error) {
		for name, v := range selects {
			if err := tb.selectOption(form+` select[name="`+name+`"]`, v); err != nil {
				return loaded{}, err
			}
		}
		for name, v := range dates {
			if err := tb.setValue(form+` [name="`+name+`"]`, v); err != nil {
				return loaded{}, err
			}
		}
		for name, v := range texts {
			if err := tb.setValue(form+` [name="`+name+`"]`, ""); err != nil {
				return loaded{}, err
			}
			if err := tb.sendKeys(form+` [name="`+name+`"]`, v); err != nil {
				return loaded{}, err
			}
		}
		return tb.click(form + ` button[type="submit"]`)
	}
}

// fieldMessage returns an extra check: the field shows the error message.
func (tb *tab) fieldMessage(name, msg string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		got := tb.text("#f-" + name + "-error")
		if !strings.Contains(got, msg) {
			t.Errorf("field %s shows %q, want %q", name, got, msg)
		}
		if inv, _ := eval[string](tb, "document.getElementById('f-"+name+"')?.getAttribute('aria-invalid') ?? ''"); inv != "true" {
			t.Errorf("field %s is not marked aria-invalid", name)
		}
	}
}

// fieldError returns an extra check: the form's field with the name is
// marked invalid and its error message says msg.
func (tb *tab) fieldError(form, name, msg string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		type field struct {
			Found   bool   `json:"found"`
			Invalid bool   `json:"invalid"`
			Error   string `json:"error"`
		}
		f, err := eval[field](tb, `(() => {
			const el = document.querySelector(`+jsString(form+` [name="`+name+`"]`)+`);
			if (!el) return {found: false};
			const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
			return {found: true, invalid: el.getAttribute('aria-invalid') === 'true',
				error: ids.map(id => document.getElementById(id)?.innerText ?? '').join(' ')};
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Found || !f.Invalid || !strings.Contains(f.Error, msg) {
			t.Errorf("field %s of %s: found %v, aria-invalid %v, described as %q; want it invalid with %q", name, form, f.Found, f.Invalid, f.Error, msg)
		}
	}
}

// keptValue returns an extra check: the control has the value.
func (tb *tab) keptValue(sel, want string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		got, err := eval[*string](tb, `document.querySelector(`+jsString(sel)+`)?.value ?? null`)
		if err != nil {
			t.Fatal(err)
		}
		if got == nil || *got != want {
			t.Errorf("%s: value %v, want %q kept from the refused form", sel, got, want)
		}
	}
}

// heading1 returns an extra check: the page's h1 is s.
func (tb *tab) heading1(s string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		if got := tb.text("main h1"); got != s {
			t.Errorf("h1 = %q, want %q", got, s)
		}
	}
}

// present returns an extra check: an element matches the selector, or not.
func (tb *tab) present(sel string, want bool) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		got, err := tb.exists(sel)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s present = %v, want %v; page says: %s", sel, got, want, tb.excerpt())
		}
	}
}

// absent returns an extra check: nothing matches the selector.
func (tb *tab) absent(sel string) func(*testing.T) {
	return tb.present(sel, false)
}

// pathOnly returns the path of the current page from /w/ on, without
// query or fragment.
func (tb *tab) pathOnly() string {
	p := tb.location()
	if i := strings.Index(p, "/w/"); i >= 0 {
		p = p[i:]
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return p
}
