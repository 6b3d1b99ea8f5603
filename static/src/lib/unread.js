// The unread-notification count for the menu badge. Imported by the shell
// (app.js), so it stays tiny: one query, then the live `notifications` subscription adds one
// per arrival; the notifications screen sets it as it marks things read.
import { signal } from "@preact/signals";
import { gql, live } from "./api.js";

export const unreadNotifications = signal(0);

const UNREAD = `{ myNotifications(unreadOnly: true, first: 100) { id } }`;

/** Start counting for the signed-in member; returns the function that stops. */
export function watchNotifications() {
  let stopped = false;
  let stop = () => {};
  const count = () =>
    gql(UNREAD).then(
      (data) => !stopped && (unreadNotifications.value = data.myNotifications.length),
      () => {},
    );
  const follow = () => {
    stop = live(
      `subscription { notifications { id } }`,
      {},
      () => unreadNotifications.value++,
      (error) => {
        if (error.code === "SUBSCRIBER_TOO_SLOW" && !stopped) {
          count();
          follow();
        }
      },
    );
  };
  count();
  follow();
  return () => {
    stopped = true;
    stop();
    unreadNotifications.value = 0;
  };
}
