import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, ErrorNotice, FormError, Loading, Notice } from "@tend/ui";
import { useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall, toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { describeDevice } from "./describe-device.ts";

const sessionsQueryKey = ["auth", "sessions"] as const;

/** Where this account is signed in, with a way to end the others. */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const sessions = useQuery({
    queryKey: sessionsQueryKey,
    queryFn: async () => {
      const [list, current] = await Promise.all([
        authCall(authClient.listSessions()),
        authCall(authClient.getSession()),
      ]);
      const currentToken = current?.session.token;
      return (list ?? [])
        .map((s) => ({ ...s, current: s.token === currentToken }))
        .sort((a, b) => Number(b.current) - Number(a.current));
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
  const signOutOthers = useMutation({
    mutationFn: () => authCall(authClient.revokeOtherSessions()),
    onSuccess: async () => {
      await refresh();
      setNotice("You're now signed out everywhere else.");
    },
  });
  const signOutOne = useMutation({
    mutationFn: (token: string) => authCall(authClient.revokeSession({ token })),
    onSuccess: async () => {
      await refresh();
      setNotice("That device is signed out.");
    },
  });
  const actionError = signOutOthers.error ?? signOutOne.error;
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <section className="tend-panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you're signed in</h2>
      <p className="tend-lead">
        Don't recognise one? Sign it out, then change your password to be safe.
      </p>
      <Notice>{notice}</Notice>
      <FormError message={actionError ? toProblem(actionError).message : null} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorNotice>{toProblem(sessions.error).message}</ErrorNotice>
      ) : (
        <>
          <ul className="tend-rows" aria-label="Signed-in devices">
            {sessions.data.map((s) => (
              <li key={s.id} className="tend-row">
                <div className="tend-row-main">
                  <p className="tend-row-title">{describeDevice(s.userAgent)}</p>
                  <p className="tend-row-meta">
                    Signed in {formatDateTime(s.createdAt)} · last active{" "}
                    {formatDateTime(s.updatedAt)}
                  </p>
                </div>
                {s.current ? (
                  <span className="tend-pill">This device</span>
                ) : (
                  <Button
                    variant="secondary"
                    disabled={signOutOne.isPending}
                    onClick={() => {
                      setNotice(null);
                      signOutOne.mutate(s.token);
                    }}
                  >
                    Sign out
                    <span className="tend-visually-hidden"> {describeDevice(s.userAgent)}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {others > 0 ? (
            <div className="tend-actions tend-after-panel">
              <Button
                variant="secondary"
                disabled={signOutOthers.isPending}
                onClick={() => {
                  setNotice(null);
                  signOutOthers.mutate();
                }}
              >
                {signOutOthers.isPending ? "Signing out…" : "Sign out everywhere else"}
              </Button>
            </div>
          ) : (
            <p className="tend-hint tend-after-panel">This is the only place you're signed in.</p>
          )}
        </>
      )}
    </section>
  );
}
