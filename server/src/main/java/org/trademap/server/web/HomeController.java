package org.trademap.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what TradeMap is and where to go from here. */
@Controller
class HomeController {

  @GetMapping("/")
  String home() {
    return "home";
  }
}
