package tui

import "testing"

// A draft's step whose result is still a TODO says so on the learn screen,
// before the rep answers and after.
func TestUnwrittenResultShowsAsNotWrittenYet(t *testing.T) {
	unwritten := func(cfg *Config, _ *fakeEngine) {
		s, _ := cfg.Book.Step("qualify")
		s.Result = "TODO: write the result a rep must reach in this step"
		c := s.Cards[0]
		c.Answer, c.MustMention = s.Result, nil
	}
	hs := newHarness(t, 80, 24, unwritten)
	hs.key("enter")
	hs.wantScreen("Result (not written yet)", "TODO: write the result")
	hs.key("d")
	hs.wantScreen("card 1 of", "Not written yet: the playbook's answer to this card is a TODO.")
	hs.typeText("the lead is qualified")
	hs.key("enter")
	// Wrapped at 80 columns, the note still reads whole.
	hs.wantScreen("Not written yet: the playbook's answer to this card is a TODO, so any answer", "counts until it is written.", "Model answer (not written yet)")
	hs.wantNoScreen("Key points")
}
