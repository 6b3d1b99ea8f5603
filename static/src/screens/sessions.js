// Placeholder: the sessions helper builds these tabs (spa-sessions); each takes {relationship}.
export function SessionsTab() {
  return null;
}

export function FeedbackTab() {
  return null;
}

export function CheckInTab() {
  return null;
}
