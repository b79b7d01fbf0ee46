package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickKeys move through a pick list and pick options.
type pickKeys struct {
	Up, Down, Toggle, Number key.Binding
}

func newPickKeys() pickKeys {
	return pickKeys{
		Up:     upKey("up"),
		Down:   downKey("down"),
		Toggle: key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space/1-9", "pick")),
		Number: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick by number")),
	}
}

// pickList is a numbered list of options with check boxes: the answer to
// a choice or classify card. Options are shown in the attempt's order;
// picked and cursor count shown positions.
type pickList struct {
	options []string
	order   []int // shown position -> index into options
	picked  []bool
	cursor  int
	// multi says the card has several right answers: a number toggles its
	// option instead of picking it alone.
	multi bool
	keys  pickKeys
}

// newPickList shows options in order (shown position -> option index;
// nil: as written).
func newPickList(options []string, order []int, multi bool) pickList {
	if len(order) != len(options) {
		order = make([]int, len(options))
		for i := range order {
			order[i] = i
		}
	}
	return pickList{options: options, order: order, picked: make([]bool, len(options)), multi: multi, keys: newPickKeys()}
}

// Update handles a key and reports whether it was one of the list's.
func (p *pickList) Update(msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, p.keys.Down):
		p.cursor = min(p.cursor+1, max(len(p.options)-1, 0))
	case key.Matches(msg, p.keys.Toggle):
		if p.cursor < len(p.picked) {
			p.picked[p.cursor] = !p.picked[p.cursor]
		}
	case key.Matches(msg, p.keys.Number):
		p.pickNumber(int(msg.String()[0] - '1'))
	default:
		return false
	}
	return true
}

// pickNumber picks option i by its number, as --plain's numbers do: on a
// card with several right answers it toggles the option, on the others it
// picks that one alone. The cursor follows.
func (p *pickList) pickNumber(i int) {
	if i < 0 || i >= len(p.picked) {
		return
	}
	p.cursor = i
	if p.multi {
		p.picked[i] = !p.picked[i]
		return
	}
	for j := range p.picked {
		p.picked[j] = j == i
	}
}

// Picks are the options picked, as indexes into the card's options; none
// when nothing is picked (enter then does nothing).
func (p *pickList) Picks() []int {
	var picks []int
	for pos, on := range p.picked {
		if on {
			picks = append(picks, p.order[pos])
		}
	}
	return picks
}

func (p *pickList) View(st styles, width int) string {
	items := make([]string, len(p.options))
	for i, idx := range p.order {
		o := p.options[idx]
		box := "[ ] "
		if p.picked[i] {
			box = "[x] "
		}
		num := "   "
		if i < 9 {
			num = itoa(i+1) + ") "
		}
		items[i] = num + box + cleanLine(o)
	}
	return cursorList(st, items, p.cursor, width)
}

// cursorList draws items one a line, the one at cursor marked.
func cursorList(st styles, items []string, cursor, width int) string {
	out := make([]string, len(items))
	for i, it := range items {
		it = ansiOneLine(it, width-2)
		if i == cursor {
			out[i] = st.selected.Render("›") + " " + st.bold.Render(it)
		} else {
			out[i] = "  " + it
		}
	}
	return strings.Join(out, "\n")
}
