package common

import tea "charm.land/bubbletea/v2"

// OpenSet is the dialogs one manager has open, by id. Their async
// results carry the id: a result whose dialog has closed finds nothing
// here and is dropped, so a late answer never lands in another dialog.
type OpenSet[V Component] struct {
	last int
	open map[int]V
}

// NewID reserves the id of a dialog about to open.
func (s *OpenSet[V]) NewID() int {
	s.last++
	return s.last
}

// Show records v as open under id and opens it, with the commands that
// start its work.
func (s *OpenSet[V]) Show(id int, v V, first ...tea.Cmd) tea.Cmd {
	if s.open == nil {
		s.open = map[int]V{}
	}
	s.open[id] = v
	return tea.Batch(append([]tea.Cmd{OpenDialog(v)}, first...)...)
}

// Get is the open dialog id.
func (s *OpenSet[V]) Get(id int) (V, bool) {
	v, ok := s.open[id]
	return v, ok
}

// Close forgets dialog id (its late results are dropped) and closes it;
// nil when it is not open.
func (s *OpenSet[V]) Close(id int) tea.Cmd {
	v, ok := s.open[id]
	if !ok {
		return nil
	}
	delete(s.open, id)
	return CloseDialogOf(v)
}

// Len is how many are open.
func (s *OpenSet[V]) Len() int { return len(s.open) }
