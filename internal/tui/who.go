package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// whoScreen asks who is drilling when the database holds several reps and
// none was named.
type whoScreen struct {
	c      *common
	reps   []string
	cursor int
	adding bool
	input  textinput.Model
	keys   listKeys
	ikeys  inputKeys
}

func newWhoScreen(c *common, reps []string, deflt string) *whoScreen {
	ti := textinput.New()
	ti.Prompt = "Name: "
	ti.Placeholder = deflt
	ti.CharLimit = 100
	w := &whoScreen{c: c, reps: reps, input: ti, keys: newListKeys(c.keys, "choose", "quit"), ikeys: newInputKeys(c.keys, "add rep")}
	for i, r := range reps {
		if r == deflt {
			w.cursor = i
		}
	}
	return w
}

func (w *whoScreen) KeyMap() help.KeyMap {
	if w.adding {
		return w.ikeys
	}
	return w.keys
}

func (w *whoScreen) Typing() bool { return w.adding }

func (w *whoScreen) Layout() tea.Cmd {
	w.input.SetStyles(w.c.inputStyles())
	return nil
}

func (w *whoScreen) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case ok && w.adding:
		return w.addKey(k)
	case ok:
		return w.key(k)
	case w.adding:
		var cmd tea.Cmd
		w.input, cmd = w.input.Update(msg)
		return cmd
	}
	return nil
}

func (w *whoScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	n := len(w.reps) + 1 // the last row adds a rep
	switch {
	case key.Matches(msg, w.keys.Back):
		return navigate(quitMsg{})
	case key.Matches(msg, w.keys.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(msg, w.keys.Down):
		w.cursor = min(w.cursor+1, n-1)
	case key.Matches(msg, w.keys.Choose):
		if w.cursor == len(w.reps) {
			w.adding = true
			return w.input.Focus()
		}
		return navigate(repChosenMsg{rep: w.reps[w.cursor]})
	}
	return nil
}

func (w *whoScreen) addKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.ikeys.Cancel):
		w.adding = false
		w.input.Blur()
		return nil
	case key.Matches(msg, w.ikeys.Save):
		name := cleanLine(strings.TrimSpace(w.input.Value()))
		if name == "" {
			name = w.input.Placeholder
		}
		if name == "" {
			return nil
		}
		w.adding = false
		w.input.Blur()
		return navigate(repChosenMsg{rep: name})
	}
	var cmd tea.Cmd
	w.input, cmd = w.input.Update(msg)
	return cmd
}

func (w *whoScreen) View(width, height int) string {
	st := w.c.st
	lines := []string{st.header.Render("Who is drilling?"), st.faint.Render("This database holds several reps' progress."), ""}
	rows := append(append([]string(nil), w.reps...), "+ a new rep")
	for i, r := range rows {
		r = cleanLine(r)
		if i == w.cursor {
			lines = append(lines, st.selected.Render("›")+" "+st.bold.Render(r))
		} else {
			lines = append(lines, "  "+r)
		}
	}
	if w.adding {
		lines = append(lines, "", w.input.View())
	}
	return strings.Join(lines, "\n")
}
