package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// answerLimit is the most characters a typed answer takes, a few hundred
// words. Every key re-wraps the whole answer, so a long one makes each key
// slower than the last: a document pasted by a terminal without bracketed
// paste arrives as one key per character and would keep the app busy for
// minutes.
const answerLimit = 2000

// typedKeys submit a typed answer or break its line.
type typedKeys struct {
	Submit, Newline key.Binding
}

func newTypedKeys() typedKeys {
	return typedKeys{
		Submit:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
		Newline: key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", "new line")),
	}
}

// typedAnswer is the text area a rep types an answer in.
type typedAnswer struct {
	area textarea.Model
	keys typedKeys
}

func newTypedAnswer() typedAnswer {
	k := newTypedKeys()
	ta := textarea.New()
	ta.Placeholder = "Type your answer…"
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.KeyMap.InsertNewline = k.Newline
	ta.SetHeight(5)
	ta.CharLimit = answerLimit
	return typedAnswer{area: ta, keys: k}
}

// Update edits the answer. changed is false when msg changed nothing, as
// a key typed into a full answer does: the screen need not be drawn again.
func (t *typedAnswer) Update(msg tea.Msg) (cmd tea.Cmd, changed bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.Text != "" && t.area.Length() >= t.area.CharLimit {
		return nil, false
	}
	t.area, cmd = t.area.Update(msg)
	return cmd, true
}

// Empty reports whether nothing but blanks has been typed.
func (t *typedAnswer) Empty() bool { return strings.TrimSpace(t.area.Value()) == "" }

func (t *typedAnswer) Value() string { return t.area.Value() }

func (t *typedAnswer) Start() tea.Cmd {
	t.area.Reset()
	return t.area.Focus()
}

func (t *typedAnswer) Blur() { t.area.Blur() }

func (t *typedAnswer) Layout(c *common, width int) {
	t.area.SetWidth(width)
	t.area.SetStyles(c.areaStyles())
}

func (t *typedAnswer) View() string { return t.area.View() }
