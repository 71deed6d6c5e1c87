// workerd side of roundtrip.mjs: the round-trip app on clerk-edge's workerd entry. Bindings give
// the keys and the mock's URLs; the app's Backend API calls leave through Miniflare's outbound
// service to the mock on 127.0.0.1.
import * as clerkEdge from "../../pkg/workerd.js";
import { makeApp } from "./roundtrip-app.mjs";

export default {
  fetch(request, env) {
    const app = makeApp(clerkEdge.authenticateRequest, {
      secretKey: env.SECRET_KEY, publishableKey: env.PUBLISHABLE_KEY, proxyUrl: env.FAPI_URL, apiUrl: env.API_URL, apiVersion: "v1",
    });
    return app(request);
  },
};
