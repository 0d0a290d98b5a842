// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AdMarket} from "../../src/AdMarket.sol";
import {HexToken} from "../../src/HexToken.sol";
import {IAdMarket} from "../../src/interfaces/IAdMarket.sol";
import {IPlots} from "../../src/interfaces/IPlots.sol";
import {Plots} from "../../src/Plots.sol";
import {MarketHandler} from "./MarketHandler.sol";
import {PlotsHandler} from "./Plots.invariant.t.sol";

/// @dev The token, the plot market and AdMarket driven together (both handlers on one HXA), with
/// honest and skewed (dishonest) settlement roots: HXA is conserved across every holder, and each
/// contract's own accounting holds whatever the other does.
contract ProtocolInvariantTest is Test {
    HexToken internal token;
    Plots internal plots;
    AdMarket internal market;
    PlotsHandler internal plotsHandler;
    MarketHandler internal marketHandler;
    address internal treasury = makeAddr("treasury");

    function setUp() public {
        address settler = makeAddr("settler");
        token = new HexToken(treasury);
        plots = new Plots(token, address(this), treasury, 10e18);
        market = new AdMarket(token, address(this), treasury, settler, address(this), 0.01e18, 0);
        plotsHandler = new PlotsHandler(plots, token, treasury);
        marketHandler = new MarketHandler(market, token, settler, address(this), treasury);
        targetContract(address(plotsHandler));
        targetContract(address(marketHandler));
    }

    /// @dev Every HXA is held by a known account or contract: none is minted, burnt or stranded.
    function invariant_hxaConservedAcrossAllHolders() public view {
        uint256 sum = token.balanceOf(treasury) + token.balanceOf(address(plots))
            + token.balanceOf(address(market)) + token.balanceOf(marketHandler.EARNER_X())
            + token.balanceOf(marketHandler.EARNER_Y());
        for (uint256 i; i < 3; ++i) {
            sum += token.balanceOf(marketHandler.advertisers(i));
        }
        for (uint256 i; i < 4; ++i) {
            sum += token.balanceOf(plotsHandler.users(i));
        }
        assertEq(sum, token.FIXED_SUPPLY());
        assertEq(token.totalSupply(), token.FIXED_SUPPLY());
    }

    /// @dev AdMarket holds exactly the unspent budgets plus settled-but-unclaimed earnings, even after
    /// skewed roots; Plots holds exactly the open offers.
    function invariant_escrowEqualsBudgetsPlusUnclaimed() public view {
        uint256 unspent;
        for (uint256 id = 1; id <= market.campaignCount(); ++id) {
            IAdMarket.Campaign memory c = market.getCampaign(id);
            assertLe(c.spent, c.budget);
            if (!c.withdrawn) unspent += c.budget - c.spent;
        }
        assertLe(market.totalClaimed(), market.activeTotal());
        assertEq(token.balanceOf(address(market)), unspent + market.settledTotal() - market.totalClaimed());
        assertEq(token.balanceOf(address(plots)), plotsHandler.openOffersTotal());
    }

    function invariant_listingBelongsToCurrentOwner() public view {
        for (uint256 i; i < plotsHandler.cellCount(); ++i) {
            uint256 cell = plotsHandler.cells(i);
            IPlots.Listing memory l = plots.listingOf(cell);
            if (l.seller != address(0)) assertEq(l.seller, plots.ownerOf(cell));
        }
    }
}
