// The app of the handshake round trip: middleware as an app puts it in front of its pages.
// A handshake (or any state carrying a Location) is answered with a 307 and the state's headers;
// signed in, the page with the state's headers (fresh cookies after a handshake or a refresh);
// signed out, 401. Runtime-neutral: Node and workerd run this same file.

export function makeApp(authenticateRequest, options) {
  return async (request) => {
    const state = await authenticateRequest(request, options);
    if (state.status === "handshake" || state.headers.get("location")) {
      return new Response(null, { status: 307, headers: state.headers });
    }
    if (state.status === "signed-in") {
      const auth = state.toAuth();
      return Response.json({ userId: auth.userId, sessionId: auth.sessionId }, { headers: state.headers });
    }
    return new Response(`signed out: ${state.reason}`, { status: 401, headers: state.headers });
  };
}
